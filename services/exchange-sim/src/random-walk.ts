import { Dec, floorToStep } from './decimal.js';
import type { MatchingEngine } from './matching.js';
import type { SimState } from './state.js';

export interface RandomWalkOptions {
  readonly intervalMs: number;
  /** Largest move per step in basis points (default 10 = 0.1 %). */
  readonly maxStepBps?: number;
}

/** Moves every listed symbol's last price by a seeded random step, on its tick grid. */
export function randomWalkStep(state: SimState, engine: MatchingEngine, maxStepBps: number): void {
  for (const spec of state.symbols) {
    const tick = new Dec(spec.priceFilter.tickSize);
    const last = state.prices.get(spec.symbol);
    const move = new Dec(state.random.next() * 2 - 1).mul(maxStepBps).div(10_000);
    const next = floorToStep(last.mul(move.plus(1)), tick);
    engine.setPrice(spec.symbol, Dec.max(next, tick));
  }
}

export function startRandomWalk({
  state,
  engine,
  options,
}: {
  state: SimState;
  engine: MatchingEngine;
  options: RandomWalkOptions;
}): { stop(): void } {
  const timer = setInterval(
    () => randomWalkStep(state, engine, options.maxStepBps ?? 10),
    options.intervalMs,
  );
  return { stop: () => clearInterval(timer) };
}
