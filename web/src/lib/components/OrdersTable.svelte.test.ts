import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import OrdersTable from './OrdersTable.svelte';

it('lists the columns, shows unknown values as a dash, and opens a row on click (one intentId, two strategies: two rows)', async () => {
  const onopen = vi.fn();
  render(OrdersTable, {
    rows: [
      {
        intentId: 'i-1',
        source: 'alpha',
        mode: 'live',
        symbol: 'BTCUSDT',
        side: 'BUY',
        qty: '0.01',
        price: '50000.00',
        state: 'FILLED',
        exchangeStatus: 'FILLED',
        filled: '0.01',
        updatedAt: undefined,
      },
      {
        intentId: 'i-1',
        source: 'beta',
        mode: 'live',
        symbol: 'BTCUSDT',
        side: 'BUY',
        qty: '0.01',
        price: '50000.00',
        state: 'REJECTED',
        exchangeStatus: undefined,
        filled: undefined,
        updatedAt: undefined,
        reason: 'NOT_ARMED',
      },
    ],
    onopen,
  });
  const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
  expect(headers).toEqual([
    'Intent id',
    'Mode',
    'Symbol',
    'Side',
    'Qty',
    'Price',
    'State',
    'Exchange status',
    'Filled',
    'Updated',
  ]);
  const row = screen.getAllByRole('row')[1]!;
  expect(
    within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent),
  ).toEqual(['i-1', 'live', 'BTCUSDT', 'BUY', '0.01', '50000.00', 'FILLED', 'FILLED', '0.01', '–']);
  expect(within(row).getByRole('link', { name: 'i-1' })).toHaveAttribute(
    'href',
    '/orders/i-1?source=alpha',
  );
  const rejected = screen.getAllByRole('row')[2]!;
  expect(within(rejected).getAllByRole('cell')[6]?.textContent).toBe('REJECTED NOT_ARMED');
  expect(within(rejected).getByRole('link', { name: 'i-1' })).toHaveAttribute(
    'href',
    '/orders/i-1?source=beta',
  );
  await userEvent.click(within(row).getByText('BTCUSDT'));
  expect(onopen).toHaveBeenCalledWith(
    expect.objectContaining({ intentId: 'i-1', source: 'alpha' }),
  );
});

it('offers operators a Cancel button on open orders only, without opening the row', async () => {
  const onopen = vi.fn();
  const oncancel = vi.fn();
  const row = (intentId: string, state: string) => ({
    intentId,
    source: 'alpha',
    mode: 'paper',
    symbol: 'BTCUSDT',
    side: 'BUY',
    qty: '0.01',
    price: '50000.00',
    state,
    exchangeStatus: state,
    filled: '0',
    updatedAt: undefined,
  });
  render(OrdersTable, {
    rows: [row('open-1', 'NEW'), row('done-1', 'FILLED'), row('pending-1', 'PENDING_CANCEL')],
    onopen,
    oncancel,
  });
  expect(screen.queryByRole('button', { name: 'Cancel order done-1' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Cancel order pending-1' })).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Cancel order open-1' }));
  expect(oncancel).toHaveBeenCalledWith(expect.objectContaining({ intentId: 'open-1' }));
  expect(onopen).not.toHaveBeenCalled();
});

it('shows no Cancel buttons without oncancel (viewers)', () => {
  render(OrdersTable, {
    rows: [
      {
        intentId: 'open-2',
        source: 'alpha',
        mode: 'paper',
        symbol: 'BTCUSDT',
        side: 'BUY',
        qty: '0.01',
        price: '50000.00',
        state: 'NEW',
        exchangeStatus: 'NEW',
        filled: '0',
        updatedAt: undefined,
      },
    ],
    onopen: vi.fn(),
  });
  expect(screen.queryByRole('button', { name: /Cancel order/ })).toBeNull();
});
