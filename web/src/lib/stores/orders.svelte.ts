import type { OrderEvent, OrderRow } from '@livegate/contracts';
import type { ApiError, ApiResult } from '$lib/api/client.js';
import {
  applyOrderEvent,
  matchesFilter,
  toOrderView,
  type OrderFilter,
  type OrderView,
} from '$lib/orders.js';

export interface OrdersSource {
  list(
    filter: OrderFilter & { limit: number; offset: number },
  ): Promise<ApiResult<{ items: OrderRow[] }>>;
  one(intentId: string, source: string): Promise<ApiResult<OrderRow>>;
}

/**
 * The orders table: one page from the gateway, kept current by order events from the websocket.
 * An event for an order not on the page adds it (on the first page, when it matches the filter) and
 * fetches the full row for the columns events do not carry.
 */
export class OrdersStore {
  rows = $state<OrderView[]>([]);
  loading = $state(false);
  error = $state<ApiError | undefined>(undefined);
  filter = $state<OrderFilter>({});
  offset = $state(0);
  readonly pageSize: number;
  readonly #source: OrdersSource;
  #generation = 0;

  constructor(source: OrdersSource, { pageSize = 50 } = {}) {
    this.#source = source;
    this.pageSize = pageSize;
  }

  /** True when the last page came back full, so an older page may exist. */
  get hasOlder(): boolean {
    return this.rows.length >= this.pageSize;
  }

  async load(filter: OrderFilter = this.filter, offset = 0): Promise<void> {
    const generation = ++this.#generation;
    this.filter = filter;
    this.offset = offset;
    this.loading = true;
    const result = await this.#source.list({ ...filter, limit: this.pageSize, offset });
    if (generation !== this.#generation) return;
    this.loading = false;
    if (result.ok) {
      this.error = undefined;
      this.rows = result.data.items.map(toOrderView);
    } else {
      this.error = result.error;
    }
  }

  async apply(event: OrderEvent): Promise<void> {
    const same = (r: OrderView) => r.intentId === event.intentId && r.source === event.source;
    const index = this.rows.findIndex(same);
    if (index >= 0) {
      const next = applyOrderEvent(this.rows[index], event);
      if (matchesFilter(next, this.filter)) this.rows[index] = next;
      else this.rows.splice(index, 1);
      return;
    }
    const fresh = applyOrderEvent(undefined, event);
    if (this.offset !== 0 || !matchesFilter(fresh, this.filter)) return;
    this.rows.unshift(fresh);
    const full = await this.#source.one(event.intentId, event.source);
    if (!full.ok) return;
    const at = this.rows.findIndex(same);
    const current = this.rows[at];
    if (current === undefined) return;
    const row = toOrderView(full.data);
    const rowIsNewer =
      row.updatedAt !== undefined &&
      current.updatedAt !== undefined &&
      row.updatedAt >= current.updatedAt;
    this.rows[at] = rowIsNewer
      ? row
      : {
          ...row,
          state: current.state,
          exchangeStatus: current.exchangeStatus ?? row.exchangeStatus,
          filled: current.filled ?? row.filled,
          updatedAt: current.updatedAt,
        };
  }
}
