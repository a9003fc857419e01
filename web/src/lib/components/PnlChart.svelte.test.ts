import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { formatTimestamp } from '$lib/time.js';
import PnlChart from './PnlChart.svelte';

const since = '2026-12-06T00:00:00.000Z';
const until = Date.parse(since) + 60_000;

it('draws one line per venue and quote asset and says the last value in words', () => {
  const { container } = render(PnlChart, {
    since,
    until,
    series: [
      {
        venue: 'paper',
        quoteAsset: 'USDT',
        points: [{ at: '2026-12-06T00:00:30.000Z', pnl: '9.78' }],
      },
    ],
  });
  const img = screen.getByRole('img');
  expect(img.getAttribute('aria-label')).toBe(
    `Realised P&L since ${formatTimestamp(since)}: paper USDT: 9.78`,
  );
  expect(container.querySelectorAll('polyline')).toHaveLength(1);
  expect(container.querySelector('[data-series="paper/USDT"]')?.textContent).toMatch(
    /paper USDT: 9\.78/,
  );
});

it('says when there is no P&L yet, or nothing loaded', () => {
  const { unmount } = render(PnlChart, { since, until, series: [] });
  expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/no realised P&L yet$/);
  expect(screen.getByText('No realised P&L yet this session.')).toBeTruthy();
  unmount();
  render(PnlChart, { since, until, series: undefined });
  expect(screen.getByText('Loading…')).toBeTruthy();
});
