import { render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { formatTimestamp } from '$lib/time.js';
import BalancesTable from './BalancesTable.svelte';

const takenAt = '2026-12-06T01:00:00.000Z';

it('shows one table per venue with free and locked per asset, and when it was read', () => {
  render(BalancesTable, {
    venues: [
      {
        venue: 'live',
        takenAt,
        balances: [
          { asset: 'BTC', free: '0.5', locked: '0' },
          { asset: 'USDT', free: '1000', locked: '25.5' },
        ],
      },
      { venue: 'paper', takenAt, balances: [] },
    ],
  });
  const live = screen.getByRole('table', { name: 'Balances live' });
  expect(
    within(live)
      .getAllByRole('row')
      .map((r) => [...r.children].map((c) => c.textContent)),
  ).toEqual([
    ['Asset', 'Free', 'Locked'],
    ['BTC', '0.5', '0'],
    ['USDT', '1000', '25.5'],
  ]);
  expect(screen.getAllByText(`Read ${formatTimestamp(takenAt)}`)).toHaveLength(2);
  expect(screen.getByText('Every asset is zero.')).toBeTruthy();
});

it('says when nothing is loaded or read yet', () => {
  const { unmount } = render(BalancesTable, { venues: undefined });
  expect(screen.getByText('Loading…')).toBeTruthy();
  unmount();
  render(BalancesTable, { venues: [] });
  expect(screen.getByTestId('balances-empty').textContent).toMatch(
    /account stream, or the reconciler/,
  );
});
