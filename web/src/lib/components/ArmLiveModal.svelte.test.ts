import type { ArmTokenIssued, LiveInfo, ModeSnapshot } from '@livegate/contracts';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '$lib/api/client.js';
import ArmLiveModal from './ArmLiveModal.svelte';

const now = Date.parse('2026-01-31T12:00:00.000Z');
const token = 'ab'.repeat(32);
const issued: ArmTokenIssued = { token, expiresAt: '2026-01-31T12:01:00.000Z' };
const liveMode: ModeSnapshot = {
  mode: 'LIVE',
  version: 2,
  reconcileBlocked: false,
  session: {
    id: 's1',
    operator: 'alice',
    startedAt: '2026-01-31T12:00:10.000Z',
    expiresAt: '2026-01-31T16:00:10.000Z',
  },
};
const info: LiveInfo = {
  liveVenue: 'Binance spot (sim)',
  liveAccount: 'main',
  sessionMaxS: 4 * 3600,
  tokenTtlS: 60,
};

function setup(
  over: {
    requestToken?: (reason: string) => Promise<ApiResult<ArmTokenIssued>>;
    confirm?: (token: string, confirmation: string) => Promise<ApiResult<ModeSnapshot>>;
  } = {},
) {
  const requestToken = vi.fn(
    over.requestToken ?? (async () => ({ ok: true as const, data: issued })),
  );
  const confirm = vi.fn(over.confirm ?? (async () => ({ ok: true as const, data: liveMode })));
  const onarmed = vi.fn();
  const oncancel = vi.fn();
  const user = userEvent.setup();
  const view = render(ArmLiveModal, { info, now, requestToken, confirm, onarmed, oncancel });
  return { user, view, requestToken, confirm, onarmed, oncancel };
}

async function toStepTwo(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
  await user.type(screen.getByRole('textbox', { name: /Reason for arming/ }), 'open the session');
  await user.click(screen.getByRole('button', { name: 'Request arming token' }));
  return screen.findByRole('form', { name: /Step 2 of 2/ });
}

describe('ArmLiveModal', () => {
  it('step 1 explains LIVE (venue, account, session length, token, kill switch) and needs ack and reason', async () => {
    const { user, requestToken } = setup();
    const dialog = screen.getByRole('dialog', { name: 'Arm LIVE trading' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveTextContent('LIVE means real money');
    const facts = Object.fromEntries(
      within(dialog)
        .getAllByRole('term')
        .map((dt) => [dt.textContent, dt.nextElementSibling?.textContent?.trim()]),
    );
    expect(facts).toEqual({
      Venue: 'Binance spot (sim)',
      Account: 'main',
      'Session length': '4 hours, then it disarms by itself',
      'Arming token': 'valid for 1 minute after you request it, once',
      'Kill switch': 'Stops everything at once: halts trading and cancels open live orders.',
    });

    const request = screen.getByRole('button', { name: 'Request arming token' });
    expect(request).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /I understand/ })).toHaveFocus();
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    expect(request).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /Reason for arming/ }), '   ');
    expect(request).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: /Reason for arming/ }), ' go live ');
    expect(request).toBeEnabled();
    await user.click(request);
    expect(requestToken).toHaveBeenCalledWith('go live');
  });

  it('says so when the account has no label', () => {
    render(ArmLiveModal, {
      info: { ...info, liveAccount: null, sessionMaxS: 5400, tokenTtlS: 45 },
      now,
      requestToken: vi.fn(),
      confirm: vi.fn(),
      onarmed: vi.fn(),
      oncancel: vi.fn(),
    });
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('the account configured for the live venue');
    expect(dialog).toHaveTextContent('90 minutes, then it disarms by itself');
    expect(dialog).toHaveTextContent('valid for 45 seconds after you request it, once');
  });

  it('warns when the gateway could not say which venue, and still lets the operator go on', async () => {
    const user = userEvent.setup();
    const requestToken = vi.fn(async () => ({ ok: true as const, data: issued }));
    render(ArmLiveModal, {
      info: undefined,
      now,
      requestToken,
      confirm: vi.fn(),
      onarmed: vi.fn(),
      oncancel: vi.fn(),
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'The gateway did not say which venue and account are live. Check them before arming.',
    );
    expect(dialog).toHaveTextContent('limited; it disarms by itself when it ends');
    expect(dialog).toHaveTextContent('short-lived and single-use');
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await user.type(screen.getByRole('textbox', { name: /Reason/ }), 'x');
    await user.click(screen.getByRole('button', { name: 'Request arming token' }));
    expect(requestToken).toHaveBeenCalledWith('x');
  });

  it("shows the gateway's sentence when the token request is refused, and stays on step 1", async () => {
    const { user } = setup({
      requestToken: async () => ({
        ok: false,
        error: {
          status: 409,
          code: 'RECONCILE_PENDING',
          message: 'a reconcile is running; arming is refused',
        },
      }),
    });
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await user.type(screen.getByRole('textbox', { name: /Reason/ }), 'x');
    await user.click(screen.getByRole('button', { name: 'Request arming token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'a reconcile is running; arming is refused',
    );
    expect(screen.getByRole('form', { name: /Step 1 of 2/ })).toBeInTheDocument();
  });

  it('step 2 counts the token down and arms only with the exact phrase', async () => {
    const { user, view, confirm, onarmed } = setup();
    await toStepTwo(user);
    const timer = screen.getByRole('timer', { name: 'Arming token expires in' });
    expect(timer).toHaveTextContent('1m 00s');
    await view.rerender({ now: now + 15_500 });
    expect(timer).toHaveTextContent('45s');

    const phrase = screen.getByRole('textbox', { name: /Type ARM LIVE to confirm/ });
    expect(phrase).toHaveFocus();
    const arm = screen.getByRole('button', { name: 'Arm LIVE now' });
    await user.type(phrase, 'arm live');
    expect(arm).toBeDisabled();
    await user.clear(phrase);
    await user.type(phrase, 'ARM LIVE');
    expect(arm).toBeEnabled();
    await user.click(arm);
    expect(confirm).toHaveBeenCalledWith(token, 'ARM LIVE');
    await waitFor(() => expect(onarmed).toHaveBeenCalledWith(liveMode));
  });

  it('an expired token: the modal says so, still lets the service decide, and offers to start over', async () => {
    const { user, view, confirm, requestToken } = setup({
      confirm: async () => ({
        ok: false,
        error: {
          status: 409,
          code: 'TOKEN_EXPIRED',
          message: 'the arming token expired; request a new one',
        },
      }),
    });
    await toStepTwo(user);
    await view.rerender({ now: now + 60_000 });
    expect(screen.getByRole('timer')).toHaveTextContent('0s');
    expect(screen.getByRole('alert')).toHaveTextContent('This arming token has expired');

    await user.type(screen.getByRole('textbox', { name: /Type ARM LIVE/ }), 'ARM LIVE');
    await user.click(screen.getByRole('button', { name: 'Arm LIVE now' }));
    expect(confirm).toHaveBeenCalledOnce();
    const alert = await screen.findByText('the arming token expired; request a new one');
    expect(alert).toHaveAttribute('data-code', 'TOKEN_EXPIRED');
    expect(screen.getByRole('button', { name: 'Arm LIVE now' })).toBeDisabled();
    expect(screen.getByRole('textbox', { name: /Type ARM LIVE/ })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Start over' }));
    expect(screen.getByRole('form', { name: /Step 1 of 2/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /I understand/ })).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: /Reason/ })).toHaveValue('open the session');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await user.click(screen.getByRole('button', { name: 'Request arming token' }));
    expect(requestToken).toHaveBeenCalledTimes(2);
  });

  it('a wrong phrase refused by the service keeps the token usable', async () => {
    const { user } = setup({
      confirm: async () => ({
        ok: false,
        error: { status: 409, code: 'WRONG_PHRASE', message: 'type ARM LIVE exactly' },
      }),
    });
    await toStepTwo(user);
    await user.type(screen.getByRole('textbox', { name: /Type ARM LIVE/ }), 'ARM LIVE');
    await user.click(screen.getByRole('button', { name: 'Arm LIVE now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('type ARM LIVE exactly');
    expect(screen.getByRole('button', { name: 'Arm LIVE now' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull();
  });

  it('Escape, Cancel and the close button cancel', async () => {
    const { user, oncancel } = setup();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(oncancel).toHaveBeenCalledTimes(3);
  });

  it('traps focus: Tab from the last control wraps to the first, Shift+Tab wraps back', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('checkbox', { name: /I understand/ }));
    await user.type(screen.getByRole('textbox', { name: /Reason/ }), 'r');
    const close = screen.getByRole('button', { name: 'Close' });
    const submit = screen.getByRole('button', { name: 'Request arming token' });
    submit.focus();
    await user.tab();
    expect(close).toHaveFocus();
    await user.tab({ shift: true });
    expect(submit).toHaveFocus();
  });
});
