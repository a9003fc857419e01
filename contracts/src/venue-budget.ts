import { z } from 'zod';

const count = z.int().nonnegative();

/**
 * What one instance tells the others about a venue key's request-weight budget on
 * `venue.budget.<venue>`: the venue's counts from an answer's headers and, after a 429 / 418, the
 * time until which nobody may call it. Applying a note is idempotent (max of counts, latest stop).
 */
export const budgetNoteSchema = z
  .object({
    /** `X-MBX-USED-WEIGHT-1M` of an answer. */
    usedWeight: count.optional(),
    /** `X-MBX-ORDER-COUNT-10S` of an answer to this key. */
    orderCount10s: count.optional(),
    /** Epoch ms: nobody calls the venue before (Retry-After of a 429 / 418). */
    stopUntil: count.optional(),
  })
  .strict()
  .meta({ id: 'BudgetNote' });
export type BudgetNoteMessage = z.infer<typeof budgetNoteSchema>;
