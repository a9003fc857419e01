import type { PnlLine } from '@livegate/contracts';
import { render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import PnlTable from './PnlTable.svelte';

const line = (over: Partial<PnlLine> = {}): PnlLine => ({
  venue: 'paper',
  source: 'alpha',
  symbol: 'BTCUSDT',
  quoteAsset: 'USDT',
  trades: 2,
  boughtQty: '1',
  soldQty: '1',
  position: '0',
  avgCost: '0',
  realisedPnl: '9.78',
  unmatchedSellQty: '0',
  fees: { BTC: '0.001', USDT: '0.1' },
  ...over,
});

it('lists P&L and fees per venue, strategy and symbol, gains and losses told apart', () => {
  render(PnlTable, {
    lines: [
      line(),
      line({
        venue: 'live',
        source: 'beta',
        realisedPnl: '-3.5',
        fees: {},
        unmatchedSellQty: '0.2',
        quoteAsset: null,
      }),
    ],
  });
  const table = screen.getByRole('table', { name: 'Realised P&L per strategy' });
  const rows = within(table).getAllByRole('row').slice(1);
  const cells = (r: HTMLElement) =>
    within(r)
      .getAllByRole('cell')
      .map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
  expect(cells(rows[0]!)).toEqual([
    'paper',
    'alpha',
    'BTCUSDT',
    '9.78 USDT',
    '0.001 BTC, 0.1 USDT',
    '0',
    '0',
    '2',
  ]);
  expect(cells(rows[1]!).slice(3, 5)).toEqual(['-3.5 (+0.2 sold unmatched)', '—']);
  expect(within(rows[1]!).getAllByRole('cell')[3]?.textContent).toContain(' (+0.2');
  expect(within(rows[0]!).getAllByRole('cell')[3]?.className).toMatch(/gain/);
  expect(within(rows[1]!).getAllByRole('cell')[3]?.className).toMatch(/loss/);
});

it('says when there is nothing yet', () => {
  const { unmount } = render(PnlTable, { lines: undefined });
  expect(screen.getByText('Loading…')).toBeTruthy();
  unmount();
  render(PnlTable, { lines: [line({ realisedPnl: '0' })] });
  expect(within(screen.getAllByRole('row')[1]!).getAllByRole('cell')[3]?.className).toMatch(/flat/);
});

it('says when the session has no fills', () => {
  render(PnlTable, { lines: [] });
  expect(screen.getByTestId('pnl-empty').textContent).toBe('No fills in this session.');
});
