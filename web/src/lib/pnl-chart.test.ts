import { describe, expect, it } from 'vitest';
import { chartOf } from './pnl-chart.js';

const since = Date.parse('2026-12-06T00:00:00.000Z');
const at = (s: number) => new Date(since + s * 1000).toISOString();

describe('chartOf', () => {
  it('steps from zero at the start of the session through each point to the end', () => {
    const chart = chartOf(
      [
        {
          venue: 'paper',
          quoteAsset: 'USDT',
          points: [
            { at: at(25), pnl: '10' },
            { at: at(50), pnl: '-10' },
          ],
        },
      ],
      since,
      since + 100_000,
      { width: 100, height: 20, pad: 0 },
    );
    expect(chart.zeroY).toBe(10);
    expect(chart.lines).toEqual([
      {
        key: 'paper/USDT',
        label: 'paper USDT',
        points: '0.0,10.0 25.0,10.0 25.0,0.0 50.0,0.0 50.0,20.0 100.0,20.0',
        last: '-10',
        live: false,
      },
    ]);
  });

  it('draws a flat line at zero without points, and names an unknown quote', () => {
    const chart = chartOf([{ venue: 'live', quoteAsset: null, points: [] }], since, since, {
      width: 10,
      height: 10,
    });
    expect(chart.lines[0]).toMatchObject({ label: 'live (quote unknown)', last: '0', live: true });
    expect(chart.lines[0]?.points).toBe('4.0,4.0 4.0,4.0');
  });
});
