import type { SimRequestRecord } from './admin/schemas.js';

/** Every request that reached a Binance path, oldest first. */
export function createRequestLog() {
  let records: SimRequestRecord[] = [];
  return {
    record(entry: SimRequestRecord): void {
      records.push(entry);
    },
    list(apiKey?: string): SimRequestRecord[] {
      return records.filter((r) => apiKey === undefined || r.apiKey === apiKey);
    },
    clear(): void {
      records = [];
    },
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
