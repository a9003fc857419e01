import {
  clientOrderIdFor,
  createBinanceSpotAdapter,
  type BinanceSpotAdapter,
  type PlaceOrderRequest,
  type VenueOrder,
} from '@livegate/binance';
import { reconcileCompletedSchema, type ReconcileCompleted } from '@livegate/contracts';
import type { ExecutionOrderRow } from '@livegate/db';
import {
  createReconciler,
  type Reconciler,
  type ReconcilerProps,
  type ReconcileRules,
  type Venues,
} from '@livegate/reconciler';
import { newRow } from '../../../services/reconciler/test/fixtures.js';
import { startStack, waitFor, type Account, type Stack } from '../execution/fixture.js';

export { intent, waitFor } from '../execution/fixture.js';

/** Short windows so nothing waits seconds unless a test asks for it. */
export const RULES: ReconcileRules = Object.freeze({
  clockMarginMs: 200,
  notPlacedConfirmMs: 300,
  externalOrders: 'report',
  maxPauseMs: 5_000,
});

/** Every `reconcile.completed` published under the namespace. */
export interface Completed {
  readonly items: ReconcileCompleted[];
  waitFor(
    predicate: (r: ReconcileCompleted) => boolean,
    timeoutMs?: number,
  ): Promise<ReconcileCompleted>;
}

export interface ReconcilerOptions extends Partial<Omit<ReconcilerProps, 'rules'>> {
  readonly rules?: Partial<ReconcileRules>;
}

export interface ReconcileStack extends Stack {
  /** Adapters on the two simulator accounts (the reconciler's venues unless a test passes others). */
  readonly adapters: { readonly paper: BinanceSpotAdapter; readonly live: BinanceSpotAdapter };
  readonly completed: Completed;
  /** A reconciler on the stack; not started (call `start()` or `request()`). */
  reconciler(options?: ReconcilerOptions): Reconciler;
  /** Inserts an order row as execution would have stored it. */
  seedRow(patch: Partial<ExecutionOrderRow>): Promise<ExecutionOrderRow>;
  /** Places an order on the simulator directly (as a client order id of `intentId`, or any id). */
  place(
    account: 'paper' | 'live',
    order: Partial<PlaceOrderRequest> & { intentId?: string },
  ): Promise<VenueOrder>;
  /** Rows of the order table, by intent id. */
  rows(): Promise<Map<string, ExecutionOrderRow>>;
}

function watchCompleted(s: Stack): Completed & { stop(): void } {
  const items: ReconcileCompleted[] = [];
  const sub = s.bus.nc.subscribe(s.bus.subjects.reconcileCompleted);
  void (async () => {
    for await (const m of sub) items.push(reconcileCompletedSchema.parse(m.json()));
  })();
  return {
    items,
    waitFor: (predicate, timeoutMs = 20_000) =>
      waitFor('reconcile.completed', () => items.find(predicate), { timeoutMs }),
    stop: () => sub.unsubscribe(),
  };
}

export async function startReconcileStack(
  options: { simLimits?: object } = {},
): Promise<ReconcileStack> {
  const s = await startStack(options);
  const adapter = (name: 'paper' | 'live', a: Account) =>
    createBinanceSpotAdapter({
      config: {
        name,
        baseUrl: s.sim.url,
        ...a,
        timeoutMs: 2_000,
        marketPriceSource: 'tickerPrice',
      },
      logger: s.logger,
    });
  const adapters = { paper: adapter('paper', s.paper), live: adapter('live', s.live) };
  const completed = watchCompleted(s);
  const reconcilers: Reconciler[] = [];
  let n = 0;
  return {
    ...s,
    adapters,
    completed,
    reconciler({ rules, ...options } = {}) {
      n += 1;
      const venues: Venues = options.venues ?? adapters;
      const r = createReconciler({
        db: s.as('reconciler'),
        bus: s.bus,
        venues,
        rules: { ...RULES, ...rules },
        intervalMs: 3_600_000,
        logger: s.logger.child({ reconciler: n }),
        ...options,
      });
      reconcilers.push(r);
      return r;
    },
    async seedRow(patch) {
      return s.t.db
        .insertInto('execution.orders')
        .values(newRow({ inserted_at: new Date(), updated_at: new Date(), ...patch }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async place(account, { intentId, ...order }) {
      const placed = await adapters[account].placeOrder({
        symbol: 'BTCUSDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: '0.002',
        price: '50000.00',
        timeInForce: 'GTC',
        clientOrderId: clientOrderIdFor(intentId ?? 'unused'),
        ...order,
      });
      if (placed.kind !== 'placed') throw new Error(`placing failed: ${JSON.stringify(placed)}`);
      return placed.order;
    },
    async rows() {
      const all = await s.t.db.selectFrom('execution.orders').selectAll().execute();
      return new Map(all.map((r) => [r.intent_id, r]));
    },
    async stop() {
      for (const r of reconcilers.splice(0)) await r.stop();
      completed.stop();
      adapters.paper.close();
      adapters.live.close();
      await s.stop();
    },
  };
}
