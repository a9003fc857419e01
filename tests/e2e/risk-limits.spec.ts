import { expect, expectAccessible, gatewayAs, signIn, test, withStackDb } from './fixtures.js';
import { OPERATOR, VIEWER } from './stack/credentials.js';

// A strategy no other spec trades as, so its limits change nobody's orders.
const SOURCE = 'e2e-risk-ui';

test('an operator sets a risk limit on the Risk limits page, sees it in force, and removes it', async ({
  page,
  snap,
}) => {
  await signIn(page, OPERATOR);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Risk limits' })
    .click();
  await expect(page.getByRole('heading', { name: 'Risk limits', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Set a limit' });
  const section = page.getByRole('region', { name: 'Set a limit' });
  await form.getByLabel('Venue').selectOption('paper');
  await form.getByLabel('Strategy (source)').fill(SOURCE);
  await form.getByLabel('Limit').selectOption('max_position');
  await form.getByLabel(/^Asset/).fill('btc');
  await form.getByLabel('Value').fill('0.25');
  await form.getByLabel('Reason').fill('E2E: cap the BTC position.');
  await form.getByRole('button', { name: 'Set limit' }).click();
  await expect(section.getByRole('status')).toHaveText('Limit set.');
  const row = page.locator(`tr[data-limit="paper/${SOURCE}/max_position"]`);
  await expect(row).toContainText('BTC');
  await expect(row).toContainText('0.25');
  await expect(row).toContainText(OPERATOR.name);
  await expectAccessible(page, 'main');
  await snap(page, 'risk-limits');

  const gw = await gatewayAs(OPERATOR);
  const shown = (await gw.get('/api/risk/limits')).body as {
    limits: Array<{ source: string; kind: string; asset: string | null; value: string }>;
  };
  expect(shown.limits.filter((l) => l.source === SOURCE)).toEqual([
    expect.objectContaining({ kind: 'max_position', asset: 'BTC', value: '0.25' }),
  ]);

  // A value the contract refuses is explained, and nothing changes.
  await form.getByLabel('Value').fill('0');
  await form.getByRole('button', { name: 'Set limit' }).click();
  await expect(section.getByRole('alert')).toContainText('greater than 0');
  await expect(row).toContainText('0.25');

  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(section.getByRole('status')).toHaveText('Limit removed.');
  await expect(row).toHaveCount(0);
});

test('a viewer is told that only operators see the risk limits', async ({ page }) => {
  await signIn(page, VIEWER);
  await page.goto('/risk');
  await expect(page.getByText('Only operators see and change the risk limits.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Set a limit' })).toHaveCount(0);
});

test('a strategy paused after repeated risk limit breaches is listed; an operator resumes it', async ({
  page,
  snap,
}) => {
  const source = 'e2e-paused';
  // The scene execution leaves after the N-th breach (its own tests prove how it gets there).
  await withStackDb((db) =>
    db.query(
      `insert into risk.paused (venue, source, breaches, reason)
       values ('paper', $1, 3, '3 risk limit breaches within 60 s, limit pause_after_breaches 3')
       on conflict do nothing`,
      [source],
    ),
  );
  await signIn(page, OPERATOR);
  await page.goto('/risk');
  const region = page.getByRole('region', { name: 'Paused strategies' });
  const item = region.locator(`li[data-paused="paper/${source}"]`);
  await expect(item).toContainText('3 risk limit breaches within 60 s');
  await expectAccessible(page, 'main');
  await snap(page, 'risk-paused');
  await item.getByLabel('Reason').fill('E2E: limits fixed with the desk.');
  await item.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('region', { name: 'Set a limit' }).getByRole('status')).toHaveText(
    `Strategy ${source} resumed on paper.`,
  );
  await expect(region).toHaveCount(0);
  const gw = await gatewayAs(OPERATOR);
  const shown = (await gw.get('/api/risk/limits')).body as { paused: Array<{ source: string }> };
  expect(shown.paused.filter((p) => p.source === source)).toEqual([]);
});
