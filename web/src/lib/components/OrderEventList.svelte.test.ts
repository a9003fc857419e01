import type { OrderEvent } from '@livegate/contracts';
import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import OrderEventList from './OrderEventList.svelte';

const base = {
  intentId: 'i-1',
  source: 'momentum',
  mode: 'live' as const,
  at: '2026-01-31T12:00:00.000Z',
};

it('lists events oldest first with what each says', () => {
  const events: OrderEvent[] = [
    {
      ...base,
      type: 'order.accepted',
      eventId: 'e1',
      state: 'SUBMITTING',
      clientOrderId: 'lg-abc',
    },
    { ...base, type: 'order.unknown', eventId: 'e2', state: 'UNKNOWN' },
    {
      ...base,
      type: 'order.submitted',
      eventId: 'e3',
      state: 'NEW',
      exchangeStatus: 'NEW',
      executedQty: '0',
    },
    {
      ...base,
      type: 'order.updated',
      eventId: 'e4',
      state: 'FILLED',
      exchangeStatus: 'FILLED',
      executedQty: '1',
      avgPrice: '10',
      fills: [{ tradeId: '1', price: '10', qty: '1', commission: '0', commissionAsset: 'BNB' }],
    },
    {
      ...base,
      type: 'order.rejected',
      eventId: 'e5',
      state: 'REJECTED',
      code: 'NOT_ARMED',
      message: 'not armed',
    },
    { ...base, type: 'order.accepted', eventId: 'e6', state: 'SUBMITTING' },
  ];
  render(OrderEventList, { props: { events } });
  const items = screen
    .getAllByRole('listitem')
    .map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
  expect(items[0]).toMatch(/order\.accepted SUBMITTING client order id lg-abc$/);
  expect(items[1]).toMatch(/order\.unknown UNKNOWN outcome unknown; resolved by lookup$/);
  expect(items[2]).toMatch(/order\.submitted NEW exchange NEW, filled 0$/);
  expect(items[3]).toMatch(/order\.updated FILLED exchange FILLED, filled 1, avg 10, 1 fill\(s\)$/);
  expect(items[4]).toMatch(/order\.rejected REJECTED NOT_ARMED: not armed$/);
  expect(items[5]).toMatch(/order\.accepted SUBMITTING$/);
});

it('says when there is nothing to show', () => {
  const { container } = render(OrderEventList, { props: { events: [] } });
  expect(container).toHaveTextContent('No events to show.');
});
