import type { ExternalOrder, ReconcileCompleted } from '@livegate/contracts';
import type { ApiError, ApiResult } from '$lib/api/client.js';
import { keepNewest } from '$lib/reconcile-gate.js';

export interface ReconcileSource {
  /** `GET /api/reconcile/last`: the newest report of each venue. */
  last(): Promise<ApiResult<{ items: ReconcileCompleted[] }>>;
  /** `GET /api/reconcile/external`. */
  external(): Promise<ApiResult<{ items: ExternalOrder[] }>>;
}

/**
 * The reconcile page: the newest report of each venue and the external orders the reconciler
 * recorded, loaded from the gateway and kept current by `reconcile.completed` frames (each one
 * replaces its venue's report when newer, and re-reads the external orders).
 */
export class ReconcileStore {
  /** `undefined` until loaded. */
  reports = $state<ReconcileCompleted[] | undefined>(undefined);
  /** `undefined` until loaded. */
  externals = $state<ExternalOrder[] | undefined>(undefined);
  error = $state<ApiError | undefined>(undefined);
  readonly #source: ReconcileSource;
  #externalsAsked = 0;

  constructor(source: ReconcileSource) {
    this.#source = source;
  }

  async load(): Promise<void> {
    const [last] = await Promise.all([this.#source.last(), this.#refreshExternals()]);
    if (last.ok) {
      for (const report of last.data.items) this.#keep(report);
      this.reports ??= [];
    } else this.error = last.error;
  }

  async apply(report: ReconcileCompleted): Promise<void> {
    this.#keep(report);
    await this.#refreshExternals();
  }

  #keep(report: ReconcileCompleted): void {
    this.reports = keepNewest(this.reports ?? [], report);
  }

  async #refreshExternals(): Promise<void> {
    const asked = ++this.#externalsAsked;
    const result = await this.#source.external();
    if (asked !== this.#externalsAsked) return;
    if (result.ok) {
      this.externals = result.data.items;
      this.error = undefined;
    } else this.error = result.error;
  }
}
