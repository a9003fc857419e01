import { expect, expectAccessible, resetToPaper, signIn, test, withStackDb } from './fixtures.js';
import { VIEWER } from './stack/credentials.js';

test.beforeEach(async () => {
  await resetToPaper();
});

const RUN = {
  runId: 'e2e-live-run',
  trigger: 'interval',
  venue: 'live',
  startedAt: '2026-03-02T09:00:00.000Z',
  finishedAt: '2026-03-02T09:00:01.500Z',
  durationMs: 1500,
  rowsChecked: 12,
  rowsChanged: { 'UNKNOWN->NOT_PLACED': 1 },
  fillsAdded: 0,
  externalOrders: 1,
  unresolved: 0,
  errors: [],
};

test('the reconcile page lists the external orders and the last report of each venue the reconciler stored', async ({
  page,
  snap,
}) => {
  // What the reconciler writes (it does not run in the E2E stack): one run and one external order.
  await withStackDb(async (db) => {
    await db.query(
      `insert into reconcile.runs (id, trigger, venue, started_at, finished_at, duration_ms, report)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [RUN.runId, RUN.trigger, RUN.venue, RUN.startedAt, RUN.finishedAt, RUN.durationMs, RUN],
    );
    await db.query(
      `insert into reconcile.external_orders (venue, symbol, exchange_order_id, client_order_id,
         first_seen_at, last_seen_at, status, action)
       values ('live', 'BTCUSDT', '987654', 'web_manual_e2e', $1, $1, 'NEW', 'report')`,
      [RUN.finishedAt],
    );
  });
  try {
    await signIn(page, VIEWER);
    await page.goto('/reconcile');
    const live = page.getByRole('region', { name: 'Last live reconcile' });
    await expect(live).toContainText('Database and exchange agree.');
    await expect(live).toContainText('UNKNOWN->NOT_PLACED: 1');
    const table = page.getByRole('table', { name: 'External orders' });
    const row = table.locator('tr[data-order="live:BTCUSDT:987654"]');
    await expect(row).toContainText('web_manual_e2e');
    await expect(row).toContainText('reported');
    await expectAccessible(page);
    await snap(page, 'reconcile-external');
  } finally {
    await withStackDb(async (db) => {
      await db.query(`delete from reconcile.external_orders where exchange_order_id = '987654'`);
      await db.query(`delete from reconcile.runs where id = $1`, [RUN.runId]);
    });
  }
});
