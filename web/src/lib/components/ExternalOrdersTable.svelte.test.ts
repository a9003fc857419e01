import type { ExternalOrder } from '@livegate/contracts';
import { render, screen, within } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { formatTimestamp } from '$lib/time.js';
import ExternalOrdersTable from './ExternalOrdersTable.svelte';

const order = (over: Partial<ExternalOrder> = {}): ExternalOrder => ({
  venue: 'live',
  symbol: 'BTCUSDT',
  exchangeOrderId: '42',
  clientOrderId: 'web_manual_1',
  status: 'NEW',
  action: 'report',
  firstSeenAt: '2026-01-31T12:00:00.000Z',
  lastSeenAt: '2026-01-31T12:05:00.000Z',
  ...over,
});

it('lists each external order with what the reconciler did about it', () => {
  render(ExternalOrdersTable, {
    items: [order(), order({ exchangeOrderId: '43', action: 'cancelled', status: 'CANCELED' })],
  });
  const table = screen.getByRole('table', { name: 'External orders' });
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent),
  ).toEqual([
    'Venue',
    'Symbol',
    'Exchange order id',
    'Client order id',
    'Status',
    'Reconciler',
    'First seen',
    'Last seen',
  ]);
  const rows = within(table).getAllByRole('row').slice(1);
  expect(
    within(rows[0]!)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual([
    'live',
    'BTCUSDT',
    '42',
    'web_manual_1',
    'NEW',
    'reported',
    formatTimestamp('2026-01-31T12:00:00.000Z'),
    formatTimestamp('2026-01-31T12:05:00.000Z'),
  ]);
  expect(rows[1]).toHaveTextContent('cancelled it');
  expect(rows[0]).toHaveAttribute('data-order', 'live:BTCUSDT:42');
});

it('says so when there are none, and while not loaded', async () => {
  const view = render(ExternalOrdersTable, { items: [] });
  expect(screen.queryByRole('table')).toBeNull();
  expect(screen.getByText(/No external orders recorded/)).toBeInTheDocument();
  await view.rerender({ items: undefined });
  expect(screen.getByText('Loading…')).toBeInTheDocument();
});
