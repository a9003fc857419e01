import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.js';
import { randomWalkStep } from './random-walk.js';
import { createRandom } from './random.js';
import { unitSim } from '../test/unit-sim.js';

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(createRandom(5).alphanumeric(22)).toBe(createRandom(5).alphanumeric(22));
    expect(createRandom(5).alphanumeric(22)).not.toBe(createRandom(6).alphanumeric(22));
    expect(createRandom().alphanumeric(30)).toMatch(/^[A-Za-z0-9]{30}$/);
  });

  it('moves each price at most maxStepBps, onto the tick grid, and fills crossed orders', () => {
    const sim = unitSim();
    const { order } = sim.placed({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '59999.99',
      quantity: '0.001',
    });
    for (let i = 0; i < 50 && order.status === 'NEW'; i++)
      randomWalkStep(sim.state, sim.engine, 100);
    expect(order.status).toBe('FILLED');
    const btc = sim.state.prices.get('BTCUSDT');
    expect(btc.mod('0.01').isZero()).toBe(true);
  });

  it('never walks a price below one tick', () => {
    const sim = unitSim();
    sim.state.prices.set('ETHBTC', new Dec('0.00001'));
    for (let i = 0; i < 20; i++) randomWalkStep(sim.state, sim.engine, 9000);
    expect(sim.state.prices.get('ETHBTC').gte('0.00001')).toBe(true);
  });
});
