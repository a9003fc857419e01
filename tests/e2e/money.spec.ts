import {
  banner,
  expect,
  expectAccessible,
  gatewayAs,
  limitBuy,
  newIntentId,
  signIn,
  simAdmin,
  submitIntent,
  test,
} from './fixtures.js';
import { OPERATOR, VENUE_ACCOUNTS, VIEWER } from './stack/credentials.js';

interface PnlBody {
  lines: Array<{ venue: string; source: string; symbol: string; trades: number; fees: object }>;
}
interface BalancesBody {
  venues: Array<{
    venue: string;
    takenAt: string;
    balances: Array<{ asset: string; free: string }>;
  }>;
}

interface ExposureBody {
  lines: Array<{ source: string; asset: string; openBuy: string }>;
}

const LINE = 'paper/e2e-strategy/BTCUSDT';

test('a paper fill shows up on the Money page: P&L and fees, the chart, balances after a reconcile, exposure', async ({
  page,
  snap,
}) => {
  const gw = await gatewayAs(OPERATOR);
  const tradesOf = async () =>
    ((await gw.get('/api/money/pnl?venue=paper')).body as unknown as PnlBody).lines.find(
      (l) => `${l.venue}/${l.source}/${l.symbol}` === LINE,
    )?.trades ?? 0;
  const paperSnapshot = async () =>
    ((await gw.get('/api/money/balances')).body as unknown as BalancesBody).venues.find(
      (v) => v.venue === 'paper',
    );
  const tradesBefore = await tradesOf();

  // A buy above the simulator's price fills at once; then a sell below it: a round trip in the
  // session (one after the other, so the sell has the buy to match).
  const buy = newIntentId('e2e-money-buy');
  await submitIntent(limitBuy(buy, 'paper', '61000.00'));
  await expect.poll(tradesOf, { timeout: 20_000 }).toBeGreaterThanOrEqual(tradesBefore + 1);
  const sell = newIntentId('e2e-money-sell');
  await submitIntent({ ...limitBuy(sell, 'paper', '59000.00'), side: 'SELL' });
  await expect.poll(tradesOf, { timeout: 20_000 }).toBeGreaterThanOrEqual(tradesBefore + 2);
  const filledBy = Date.now();
  // A resting buy (below the price): exposure shows what it would add.
  await submitIntent(limitBuy(newIntentId('e2e-money-rest'), 'paper', '30500.00'));
  const openBuyOf = async () =>
    ((await gw.get('/api/money/exposure?venue=paper')).body as unknown as ExposureBody).lines.find(
      (l) => l.source === 'e2e-strategy' && l.asset === 'BTC',
    )?.openBuy ?? '0';
  await expect.poll(openBuyOf, { timeout: 20_000 }).not.toBe('0');

  // Balances come from the reconciler's account read: ask for a run and wait for a snapshot read
  // after the fills (a run already under way may store an older one first).
  expect((await gw.post('/api/reconcile')).status).toBe(202);
  await expect
    .poll(async () => Date.parse((await paperSnapshot())?.takenAt ?? '1970-01-01T00:00:00Z'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(filledBy);

  await signIn(page, OPERATOR);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Money' }).click();
  await expect(page.getByRole('heading', { name: 'Money', level: 1 })).toBeVisible();
  const row = page.locator(`tr[data-pnl="${LINE}"]`);
  await expect(row).toContainText('USDT');
  await expect(row.locator('td').last()).toHaveText(String(await tradesOf()));
  await expect(page.locator('[data-series="paper/USDT"]')).toContainText('paper USDT');
  await expect(page.getByRole('img', { name: /Realised P&L since/ })).toBeVisible();
  const usdt = page.locator('tr[data-balance="paper/USDT"]');
  await expect(usdt).toBeVisible();
  const snapshot = await paperSnapshot();
  const usdtFree = snapshot?.balances.find((b) => b.asset === 'USDT')?.free as string;
  await expect(usdt).toContainText(usdtFree);
  const exposure = page.locator('tr[data-exposure="paper/e2e-strategy/BTC"]');
  await expect(exposure.locator('td').nth(4)).toHaveText(await openBuyOf());
  // The whole page (banner and nav included), as login.spec does for the other pages.
  await expect(banner(page)).toHaveAttribute('data-mode', 'PAPER');
  await expectAccessible(page);
  await snap(page, 'money');
});

/** Shorter than the 5 s poll the page used to refresh by: only the push can meet it. */
const PUSHED_WITHIN_MS = 3_000;

test('the Money page follows a fill and a deposit as they happen, without a reload', async ({
  page,
}) => {
  const gw = await gatewayAs(OPERATOR);
  const tradesOf = async () =>
    ((await gw.get('/api/money/pnl?venue=paper')).body as unknown as PnlBody).lines.find(
      (l) => `${l.venue}/${l.source}/${l.symbol}` === LINE,
    )?.trades ?? 0;
  // The notices the page receives (the push itself, not a poll that happened to come in time).
  const notices: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type: string; data: { reason?: string } };
      if (frame.type === 'money.changed') notices.push(frame.data.reason ?? '');
    }),
  );
  await signIn(page, OPERATOR);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Money' }).click();
  await expect(page.getByRole('heading', { name: 'Money', level: 1 })).toBeVisible();
  const usdtFree = page.locator('tr[data-balance="paper/USDT"] td').nth(1);
  await expect(usdtFree).toBeVisible();
  // Marks this document: a reload or a navigation would lose the mark.
  await page.evaluate(() => ((globalThis as unknown as { moneyMark: number }).moneyMark = 1));
  const trades = await tradesOf();
  const row = page.locator(`tr[data-pnl="${LINE}"]`);

  // A buy above the simulator's price fills at once: the P&L line counts it within the bound.
  await submitIntent(limitBuy(newIntentId('e2e-money-push'), 'paper', '61000.00'));
  await expect(row.locator('td').last()).toHaveText(String(trades + 1), {
    timeout: PUSHED_WITHIN_MS,
  });

  // A deposit at the venue: the account stream carries it to the stored balances and the page.
  const { apiKey } = VENUE_ACCOUNTS.paper;
  const funded = await simAdmin<{ balances: Record<string, { free: string }> }>('POST', '/fund', {
    apiKey,
    asset: 'USDT',
    amount: '1234.5',
  });
  const expected = Number(funded.balances.USDT?.free);
  await expect
    .poll(async () => Number(await usdtFree.textContent()), { timeout: PUSHED_WITHIN_MS })
    .toBe(expected);
  expect(
    await page.evaluate(() => (globalThis as unknown as { moneyMark?: number }).moneyMark),
  ).toBe(1);
});

test('a viewer reads the Money page too', async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto('/money');
  await expect(page.getByRole('heading', { name: 'Money', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Balances paper' })).toBeVisible();
});
