import type { OrderRow } from '@livegate/contracts';
import { text } from './orders.js';
import { formatOrderSize, quoteAssetOf } from './quantity.js';
import { formatTimestamp } from './time.js';

/** One line of an order's details: a label an operator reads, and the value as shown. */
export interface OrderField {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/**
 * The columns of `execution.orders` (camelCase) in the order an operator reads them, with their
 * labels. `quantity` stands for the order's size, whether a base quantity or a quote amount.
 */
const LABELS: Readonly<Record<string, string>> = {
  intentId: 'Intent id',
  mode: 'Mode',
  venue: 'Venue',
  source: 'Strategy',
  symbol: 'Symbol',
  side: 'Side',
  type: 'Order type',
  quantity: 'Quantity',
  price: 'Limit price',
  timeInForce: 'Time in force',
  state: 'State',
  lastExchangeStatus: 'Exchange status',
  rejectCode: 'Refused with',
  rejectMessage: 'Refusal reason',
  executedQty: 'Filled quantity',
  cummulativeQuoteQty: 'Filled value',
  avgPrice: 'Average price',
  clientOrderId: 'Client order id',
  exchangeOrderId: 'Exchange order id',
  liveSessionId: 'Live session',
  intentCreatedAt: 'Intent created',
  intentExpiresAt: 'Intent expires',
  insertedAt: 'Received',
  updatedAt: 'Updated',
  lastSentAt: 'Last sent to the venue',
  attempts: 'Send attempts',
  recvWindowMs: 'Receive window (ms)',
  notFoundCount: 'Lookups that found nothing',
  leaseHolder: 'Worked by',
  leaseExpiresAt: 'Lease expires',
  fingerprint: 'Intent fingerprint',
};

/** Shown inside `quantity`. */
const FOLDED = new Set(['quoteOrderQty']);

/** `recvWindowMs` → `Recv window ms`: a readable label for a column the dashboard does not know yet. */
export function labelOf(key: string): string {
  const known = LABELS[key];
  if (known !== undefined) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function show(row: OrderRow, key: string): string | undefined {
  if (key === 'quantity')
    return formatOrderSize({
      quantity: text(row, 'quantity'),
      quoteOrderQty: text(row, 'quoteOrderQty'),
      symbol: text(row, 'symbol'),
    });
  const value = row[key];
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') {
    if (ISO_INSTANT.test(value)) return formatTimestamp(value);
    const asset = key === 'cummulativeQuoteQty' ? quoteAssetOf(text(row, 'symbol')) : undefined;
    return asset === undefined ? value : `${value} ${asset}`;
  }
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

/**
 * An order row as labelled lines: the known columns first in reading order, then any other column
 * under a label made from its name. Empty values are left out; instants use the one time format.
 */
export function orderFields(row: OrderRow): OrderField[] {
  const keys = [
    ...Object.keys(LABELS),
    ...Object.keys(row).filter((k) => !(k in LABELS) && !FOLDED.has(k)),
  ];
  return keys.flatMap((key) => {
    const value = show(row, key);
    return value === undefined ? [] : [{ key, label: labelOf(key), value }];
  });
}
