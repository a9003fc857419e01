import {
  banner,
  expect,
  gatewayAs,
  limitBuy,
  newIntentId,
  resetToPaper,
  signIn,
  submitIntent,
  test,
  withStackDb,
} from './fixtures.js';
import { OPERATOR, VIEWER } from './stack/credentials.js';

/** `2026-08-22 14:03:09 UTC+02:00`: the one time format, with its zone. */
const TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC([+-]\d\d:\d\d)?$/;

test.use({ timezoneId: 'Asia/Kolkata' });

test.beforeEach(async () => {
  await resetToPaper();
});

test('"Arming blocked" follows the reconcile events: set by a snapshot taken mid-run, gone once both venues report 0 unresolved; the overview shows each venue', async ({
  page,
  snap,
}) => {
  // The scene a reload during a reconcile run shows: the gate says a run is in progress.
  await withStackDb((db) => db.query('update arming.reconcile_gate set in_progress = true'));
  await signIn(page, VIEWER);
  const blocked = banner(page).getByText('Arming blocked: reconcile running or unresolved orders');
  await expect(blocked).toBeVisible();
  const live = page.getByRole('region', { name: 'Last live reconcile' });
  const paper = page.getByRole('region', { name: 'Last paper reconcile' });
  await expect(live.locator('.report')).toHaveAttribute('data-run', /\S/);
  await expect(paper.locator('.report')).toHaveAttribute('data-run', /\S/);
  const before = {
    live: await live.locator('.report').getAttribute('data-run'),
    paper: await paper.locator('.report').getAttribute('data-run'),
  };

  // Both venues run again (as the reconciler's interval would); their reports arrive as events.
  const gw = await gatewayAs(OPERATOR);
  expect((await gw.post('/api/reconcile')).status).toBe(202);
  await expect(live.locator('.report')).not.toHaveAttribute('data-run', before.live ?? '', {
    timeout: 15_000,
  });
  await expect(paper.locator('.report')).not.toHaveAttribute('data-run', before.paper ?? '', {
    timeout: 15_000,
  });
  for (const venue of [live, paper]) {
    await expect(venue.locator('dt:text-is("Unresolved") + dd')).toHaveText('0');
    await expect(venue.locator('dt:text-is("Finished") + dd')).toHaveText(TIME);
  }
  await expect(blocked).toHaveCount(0);
  await expect(page.getByTestId('overview-arming')).toHaveText('allowed');
  await snap(page, 'gate-clear-both-venues');
});

test('orders: a quote-quantity MARKET order reads "100 USDT (quote)"; details use labels and one zoned time format', async ({
  page,
  snap,
}) => {
  await signIn(page, VIEWER);
  await page.goto('/orders');
  await expect(page).toHaveTitle('PAPER · Orders · livegate');
  const market = newIntentId('e2e-quote');
  await submitIntent({
    intentId: market,
    mode: 'paper',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'MARKET',
    quoteOrderQty: '100',
    source: 'e2e-strategy',
    createdAt: new Date().toISOString(),
  });
  const row = page.locator(`tr[data-intent="${market}"]`);
  await expect(row).toHaveAttribute('data-state', 'FILLED', { timeout: 10_000 });
  await expect(row.getByRole('cell').nth(4)).toHaveText(/^100(\.0+)? USDT \(quote\)$/);
  await expect(row.getByRole('cell').nth(9)).toHaveText(TIME);
  await snap(page, 'orders-quote-qty');

  await row.getByRole('link').click();
  await expect(page).toHaveTitle(`PAPER · Order ${market} · livegate`);
  const details = page.getByRole('region', { name: 'Current state' });
  await expect(details.locator('dt').first()).toBeVisible();
  const labels = await details.locator('dt').allTextContents();
  expect(labels).toEqual(expect.arrayContaining(['Intent id', 'Client order id', 'Quantity']));
  for (const label of labels)
    expect(label, 'a label, not a field name').toMatch(/^[A-Z][a-z]*( |$)/);
  await expect(details.locator('dt:text-is("Quantity") + dd')).toHaveText(
    /^100(\.0+)? USDT \(quote\)$/,
  );
  await expect(details.locator('dt:text-is("Updated") + dd')).toHaveText(TIME);
  await expect(details.locator('dt:text-is("Updated") + dd')).toContainText('UTC+05:30');
  const times = page.getByRole('list', { name: 'Order events, oldest first' }).locator('time');
  await expect(times.first()).toBeVisible();
  for (const text of await times.allTextContents()) expect(text).toMatch(TIME);
  await snap(page, 'order-details-labels');
});

test('audit: the filter hint names prefixes that match, and one filters to its kinds', async ({
  page,
}) => {
  // A limit order refused NOT_ARMED writes an execution.* row; signing in writes auth.*.
  await submitIntent(limitBuy(newIntentId('e2e-audit'), 'live', '30000.00'));
  await signIn(page, OPERATOR);
  await page.goto('/audit');
  await expect(page).toHaveTitle('PAPER · Audit · livegate');
  const hint = page.getByRole('group', { name: 'Kind prefixes' });
  for (const prefix of ['arming.*', 'auth.*', 'execution.*', 'reconcile.*'])
    await expect(hint.getByRole('button', { name: prefix })).toBeVisible();
  await hint.getByRole('button', { name: 'execution.*' }).click();
  const rows = page.getByRole('table', { name: 'Audit log, newest first' }).locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('data-kind', /^execution\./, { timeout: 10_000 });
  for (const kind of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind'))))
    expect(kind).toMatch(/^execution\./);
  await expect(rows.first().locator('time')).toHaveText(TIME);
});
