import type { ParsedFaultSpec, PendingFault } from './admin/schemas.js';

/** Faults waiting for matching requests, consumed in the order they were injected. */
export function createFaultQueue() {
  let pending: PendingFault[] = [];
  let lastId = 0;
  return {
    add(spec: ParsedFaultSpec): PendingFault {
      const fault: PendingFault = { ...spec, id: ++lastId, remaining: spec.count };
      pending.push(fault);
      return fault;
    },
    /** The first pending fault matching this request, with one use consumed. */
    take(method: string, path: string): PendingFault | undefined {
      const fault = pending.find(
        (f) =>
          (f.path === undefined || f.path === path) &&
          (f.method === undefined || f.method === method),
      );
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      if (fault.remaining === 0) pending = pending.filter((f) => f !== fault);
      return { ...fault };
    },
    list(): PendingFault[] {
      return pending.map((f) => ({ ...f }));
    },
    clear(): void {
      pending = [];
    },
  };
}

export type FaultQueue = ReturnType<typeof createFaultQueue>;
