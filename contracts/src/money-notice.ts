import { z } from 'zod';
import { isoDateTime } from './common.js';
import { intentModeSchema } from './intent.js';

/**
 * `money.balances.<venue>` (core NATS): execution stored the venue's balances from the account
 * stream (`takenAt`, the database's clock of the write). A notice only: readers read the table.
 */
export const balancesStoredSchema = z
  .object({ venue: intentModeSchema, takenAt: isoDateTime })
  .meta({ id: 'BalancesStored' });
export type BalancesStored = z.infer<typeof balancesStoredSchema>;

/**
 * Why the money shown may have changed: `fill` (an order event carried a fill), `order` (an order
 * came to rest or left the book without a fill: open exposure moved), `balances` (balances stored
 * from the account stream), `reconcile` (a reconcile run finished: orders, fills and the balances
 * snapshot may have moved).
 */
export const moneyChangeReasonSchema = z.enum(['fill', 'order', 'balances', 'reconcile']);
export type MoneyChangeReason = z.infer<typeof moneyChangeReasonSchema>;

/** The `money.changed` frame's data: a notice to read `/api/money/*` again, not the data itself. */
export const moneyChangedSchema = z
  .object({ venue: intentModeSchema, reason: moneyChangeReasonSchema, at: isoDateTime })
  .meta({ id: 'MoneyChanged' });
export type MoneyChanged = z.infer<typeof moneyChangedSchema>;
