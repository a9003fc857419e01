/**
 * The exchange simulator of `reconcile.bench.ts`, on its own thread: the simulator stands in for
 * Binance, another machine, so its CPU (building orders and trades as JSON, HTTP, GC) must not share
 * the reconciler's thread. It serves HTTP on a free port; the bench talks to it over HTTP only.
 *
 * Its clock is `Date.now()` plus an offset the bench moves through a SharedArrayBuffer (Atomics), so
 * the bench can jump it to a new minute after the seeding (the downtime) without an admin endpoint.
 * Messages: → `{ url, adminToken }` once listening; ← `'stop'` closes the server and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startExchangeSim, type SymbolSpec } from '../../services/exchange-sim/src/index.js';
import { createLogger } from '../../services/runtime/src/index.js';

export interface SimWorkerData {
  readonly symbols: readonly SymbolSpec[];
  /** One Int32: ms added to `Date.now()` by the simulator's clock. */
  readonly offset: SharedArrayBuffer;
  readonly logLevel: string;
}

export interface SimWorkerReady {
  readonly url: string;
  readonly adminToken: string;
}

const port = parentPort;
if (port === null) throw new Error('reconcile-sim.worker.ts runs as a worker thread');
const data = workerData as SimWorkerData;
const offset = new Int32Array(data.offset);
const sim = await startExchangeSim({
  clock: () => Date.now() + Atomics.load(offset, 0),
  symbols: data.symbols,
  limits: { requestWeightPerMinute: 1e9, ordersPer10s: 1e9, ordersPerDay: 1e9 },
  logger: createLogger({ service: 'bench-sim', level: data.logLevel as 'silent' }),
});
port.on('message', (msg: unknown) => {
  if (msg !== 'stop') return;
  void sim.stop().finally(() => port.close());
});
port.postMessage({ url: sim.url, adminToken: sim.adminToken } satisfies SimWorkerReady);
