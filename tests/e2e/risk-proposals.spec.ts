import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.js';
import { ENV, fromEnv, OPERATOR, SECOND_OPERATOR } from './stack/credentials.js';

// The `expiry` stack runs its gateway with four-eyes for risk limits: a change is a proposal that
// another operator approves; its proposer withdraws it, another operator rejects it.
// eslint-disable-next-line no-empty-pattern
test.use({ baseURL: async ({}, use) => use(fromEnv(ENV.expiryWebUrl)) });

// A strategy no other spec uses.
const SOURCE = 'e2e-four-eyes';

async function openRiskPage(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Risk limits' })
    .click();
  await expect(page.getByRole('heading', { name: 'Risk limits', level: 1 })).toBeVisible();
}

async function propose(page: Page, value: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Set a limit' });
  await form.getByLabel('Venue').selectOption('paper');
  await form.getByLabel('Strategy (source)').fill(SOURCE);
  await form.getByLabel('Limit').selectOption('max_position');
  await form.getByLabel(/^Asset/).fill('btc');
  await form.getByLabel('Value').fill(value);
  await form.getByLabel('Reason').fill(`E2E: propose ${value} BTC.`);
  await form.getByRole('button', { name: 'Set limit' }).click();
  await expect(page.getByRole('region', { name: 'Set a limit' }).getByRole('status')).toHaveText(
    'Proposed: another operator must approve it (four-eyes).',
  );
}

const proposal = (page: Page, value: string) =>
  page
    .locator('li[data-proposal]')
    .filter({ hasText: `paper/${SOURCE}` })
    .filter({
      hasText: `→ ${value}`,
    });

test('the proposer withdraws a pending risk limit proposal; another operator rejects one', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, OPERATOR);
  await openRiskPage(page);
  const status = page.getByRole('region', { name: 'Set a limit' }).getByRole('status');

  // Withdraw: the proposer sees Withdraw (and no Approve of their own proposal).
  await propose(page, '0.5');
  const mine = proposal(page, '0.5');
  await expect(mine.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await mine.getByLabel('Reason').fill('E2E: changed my mind.');
  await mine.getByRole('button', { name: 'Withdraw' }).click();
  await expect(status).toHaveText('Proposal withdrawn.');
  await expect(mine).toHaveCount(0);

  // Reject: another operator, in a browser of their own, sees Approve and Reject.
  await propose(page, '0.75');
  const other = await browser.newContext({ baseURL });
  try {
    const second = await other.newPage();
    await signIn(second, SECOND_OPERATOR);
    await openRiskPage(second);
    const theirs = proposal(second, '0.75');
    await expect(theirs.getByRole('button', { name: 'Approve' })).toBeVisible();
    await theirs.getByLabel('Reason').fill('E2E: too large.');
    await theirs.getByRole('button', { name: 'Reject' }).click();
    await expect(
      second.getByRole('region', { name: 'Set a limit' }).getByRole('status'),
    ).toHaveText('Proposal rejected.');
    await expect(theirs).toHaveCount(0);
    // Neither proposal took effect.
    await expect(second.locator(`tr[data-limit="paper/${SOURCE}/max_position"]`)).toHaveCount(0);
  } finally {
    await other.close();
  }
  // The proposer's page shows it gone after a reload of its data (it does not follow proposals live).
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Risk limits', level: 1 })).toBeVisible();
  await expect(proposal(page, '0.75')).toHaveCount(0);
});
