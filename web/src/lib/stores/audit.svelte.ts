import type { AuditEvent, AuditPage } from '@livegate/contracts';
import type { ApiError, ApiResult } from '$lib/api/client.js';

export type AuditSource = (q: {
  kind?: string;
  before?: string;
  limit: number;
}) => Promise<ApiResult<AuditPage>>;

/** Whether an audit kind passes the filter: exact, or a prefix written `auth.*`. */
export function kindMatches(kind: string, filter: string | undefined): boolean {
  if (filter === undefined || filter === '') return true;
  return filter.endsWith('.*') ? kind.startsWith(filter.slice(0, -1)) : kind === filter;
}

/**
 * The audit log, newest first, one page at a time (the gateway pages with a `before` cursor). On
 * the newest page, rows announced on the websocket appear at the top as they happen.
 */
export class AuditLog {
  items = $state<AuditEvent[]>([]);
  error = $state<ApiError | undefined>(undefined);
  loading = $state(false);
  kind = $state<string | undefined>(undefined);
  /** Cursors of the pages before this one; empty on the newest page. */
  #trail = $state<(string | undefined)[]>([]);
  #before = $state<string | undefined>(undefined);
  #next = $state<string | null>(null);
  readonly #source: AuditSource;
  readonly pageSize: number;
  #generation = 0;

  constructor(source: AuditSource, { pageSize = 50 } = {}) {
    this.#source = source;
    this.pageSize = pageSize;
  }

  get onNewest(): boolean {
    return this.#trail.length === 0;
  }
  get hasOlder(): boolean {
    return this.#next !== null;
  }
  /** 1-based page number. */
  get pageNumber(): number {
    return this.#trail.length + 1;
  }

  /** The newest page, with this kind filter. */
  async first(kind: string | undefined = this.kind): Promise<void> {
    this.kind = kind === '' ? undefined : kind;
    this.#trail = [];
    await this.#fetch(undefined);
  }

  async older(): Promise<void> {
    if (this.#next === null) return;
    this.#trail = [...this.#trail, this.#before];
    await this.#fetch(this.#next);
  }

  async newer(): Promise<void> {
    if (this.#trail.length === 0) return;
    const before = this.#trail[this.#trail.length - 1];
    this.#trail = this.#trail.slice(0, -1);
    await this.#fetch(before);
  }

  /** A row announced live: shown on the newest page when it passes the filter (once). */
  apply(event: AuditEvent): void {
    if (!this.onNewest || !kindMatches(event.kind, this.kind)) return;
    if (this.items.some((i) => i.id === event.id)) return;
    this.items = [event, ...this.items].slice(0, this.pageSize);
  }

  async #fetch(before: string | undefined): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    const result = await this.#source({
      ...(this.kind === undefined ? {} : { kind: this.kind }),
      ...(before === undefined ? {} : { before }),
      limit: this.pageSize,
    });
    if (generation !== this.#generation) return;
    this.loading = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = undefined;
    this.#before = before;
    this.items = result.data.items;
    this.#next = result.data.nextBefore;
  }
}
