import type { PnlSeries } from '@livegate/contracts';

export interface ChartLine {
  readonly key: string;
  readonly label: string;
  /** SVG polyline points, `x,y x,y …`, in a viewBox of `width` × `height`. */
  readonly points: string;
  /** The last cumulative P&L (a decimal string, as the gateway sent it). */
  readonly last: string;
  readonly live: boolean;
}

export interface Chart {
  readonly lines: ChartLine[];
  /** The y of P&L zero. */
  readonly zeroY: number;
}

/**
 * Lays each series out as a step line from 0 at `since` to `until` (ms): a fill changes the P&L at
 * its moment and it holds until the next. The numbers become pixels only here (floats are fine for
 * drawing; every amount shown stays the gateway's decimal string).
 */
export function chartOf(
  series: readonly PnlSeries[],
  since: number,
  until: number,
  { width, height, pad = 4 }: { width: number; height: number; pad?: number },
): Chart {
  const values = series.flatMap((s) => s.points.map((p) => Number(p.pnl)));
  const top = Math.max(0, ...values);
  const bottom = Math.min(0, ...values);
  const span = top - bottom || 1;
  const duration = Math.max(1, until - since);
  const x = (t: number) =>
    pad + ((Math.min(until, Math.max(since, t)) - since) / duration) * (width - 2 * pad);
  const y = (v: number) => pad + ((top - v) / span) * (height - 2 * pad);
  const fmt = (n: number) => n.toFixed(1);
  const lines = series.map((s) => {
    const coords: string[] = [`${fmt(x(since))},${fmt(y(0))}`];
    let prev = 0;
    for (const p of s.points) {
      const px = x(Date.parse(p.at));
      coords.push(`${fmt(px)},${fmt(y(prev))}`);
      prev = Number(p.pnl);
      coords.push(`${fmt(px)},${fmt(y(prev))}`);
    }
    coords.push(`${fmt(x(until))},${fmt(y(prev))}`);
    return {
      key: `${s.venue}/${s.quoteAsset ?? ''}`,
      label: `${s.venue} ${s.quoteAsset ?? '(quote unknown)'}`,
      points: coords.join(' '),
      last: s.points.at(-1)?.pnl ?? '0',
      live: s.venue === 'live',
    };
  });
  return { lines, zeroY: y(0) };
}
