import type { ParsedFaultSpec, PendingFault } from './admin/schemas.js';

/** Faults waiting for matching requests, consumed in the order they were injected. */
export function createFaultQueue() {
  let pending: PendingFault[] = [];
  let lastId = 0;
  const consume = (fault: PendingFault | undefined): PendingFault | undefined => {
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) pending = pending.filter((f) => f !== fault);
    return { ...fault };
  };
  return {
    add(spec: ParsedFaultSpec): PendingFault {
      const fault: PendingFault = { ...spec, id: ++lastId, remaining: spec.count };
      pending.push(fault);
      return fault;
    },
    /** The first pending request fault matching this request, with one use consumed. */
    take(method: string, path: string): PendingFault | undefined {
      return consume(
        pending.find(
          (f) =>
            f.kind !== 'read-lag' &&
            (f.path === undefined || f.path === path) &&
            (f.method === undefined || f.method === method),
        ),
      );
    },
    /** The first pending read-lag fault, with one use consumed (called per accepted placement). */
    takeReadLag(): PendingFault | undefined {
      return consume(pending.find((f) => f.kind === 'read-lag'));
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
