import { render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import ExposureTable from './ExposureTable.svelte';

it('shows position, open orders and the position if they fill, per venue, strategy and asset', () => {
  render(ExposureTable, {
    lines: [
      {
        venue: 'live',
        source: 'alpha',
        asset: 'BTC',
        position: '1.1',
        openBuy: '0.4',
        openSell: '2',
        ifBuysFill: '1.5',
        ifSellsFill: '-0.9',
      },
    ],
  });
  const table = screen.getByRole('table', { name: 'Open exposure' });
  expect(
    within(table)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['live', 'alpha', 'BTC', '1.1', '0.4', '2', '1.5', '-0.9']);
});

it('says when nothing is loaded or open', () => {
  const { unmount } = render(ExposureTable, { lines: undefined });
  expect(screen.getByText('Loading…')).toBeTruthy();
  unmount();
  render(ExposureTable, { lines: [] });
  expect(screen.getByTestId('exposure-empty')).toBeTruthy();
});
