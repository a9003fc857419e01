import type { ModeSnapshot } from '@livegate/contracts';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ModeBanner from './ModeBanner.svelte';

const now = Date.parse('2026-01-31T12:00:00.000Z');
const live: ModeSnapshot = {
  mode: 'LIVE',
  version: 2,
  reconcileBlocked: false,
  session: {
    id: 's1',
    operator: 'alice',
    startedAt: '2026-01-31T11:00:00.000Z',
    expiresAt: '2026-01-31T15:00:05.000Z',
  },
};

describe('ModeBanner', () => {
  it('PAPER is calm and says no real money is at stake', () => {
    render(ModeBanner, {
      mode: { mode: 'PAPER', version: 1, reconcileBlocked: false },
      link: 'open',
      now,
    });
    const banner = screen.getByRole('region', { name: 'Trading mode' });
    expect(banner).toHaveAttribute('data-mode', 'PAPER');
    expect(banner).toHaveTextContent('PAPER');
    expect(banner).toHaveTextContent('no real money');
    expect(screen.queryByRole('timer')).toBeNull();
    expect(banner).toHaveTextContent('Live updates');
  });

  it("LIVE is red, names who armed it and counts the session's time down", async () => {
    const { rerender } = render(ModeBanner, { mode: live, link: 'open', now });
    const banner = screen.getByRole('region', { name: 'Trading mode' });
    expect(banner).toHaveClass('live');
    expect(banner).toHaveTextContent('Armed by alice');
    const timer = screen.getByRole('timer', { name: 'Live session ends in' });
    expect(timer).toHaveTextContent('3h 00m 05s');
    await rerender({ mode: live, link: 'open', now: now + 10_000 });
    expect(timer).toHaveTextContent('2h 59m 55s');
  });

  it('HALTED says who halted and why', () => {
    render(ModeBanner, {
      mode: {
        mode: 'HALTED',
        version: 3,
        reconcileBlocked: false,
        haltedBy: 'bob',
        haltReason: 'runaway bot',
      },
      link: 'open',
      now,
    });
    const banner = screen.getByRole('region', { name: 'Trading mode' });
    expect(banner).toHaveAttribute('data-mode', 'HALTED');
    expect(banner).toHaveTextContent('Halted by bob: runaway bot.');
  });

  it('HALTED without details still says so', () => {
    render(ModeBanner, {
      mode: { mode: 'HALTED', version: 3, reconcileBlocked: false },
      link: 'open',
      now,
    });
    expect(screen.getByRole('status')).toHaveTextContent('Halted by unknown: no reason given.');
  });

  it('says "disconnected" in an alert when the feed is down, and when the mode is unknown', () => {
    render(ModeBanner, {
      mode: undefined,
      link: 'down',
      now,
      unknownText: 'Sign in to see the mode',
    });
    const banner = screen.getByRole('region', { name: 'Trading mode' });
    expect(banner).toHaveAttribute('data-mode', 'UNKNOWN');
    expect(banner).toHaveTextContent('Sign in to see the mode');
    expect(screen.getByRole('alert')).toHaveTextContent('Disconnected reconnecting…');
    expect(banner).not.toHaveTextContent('as last seen');
  });

  it('marks a known mode as stale while disconnected, with the reason given', () => {
    render(ModeBanner, {
      mode: live,
      link: 'down',
      now,
      downText: 'the gateway cannot be reached.',
    });
    expect(screen.getByRole('region', { name: 'Trading mode' })).toHaveTextContent(
      'LIVE (as last seen)',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Disconnected the gateway cannot be reached.',
    );
  });

  it('says "connecting" quietly before the first connection', () => {
    render(ModeBanner, { mode: undefined, link: 'connecting', now });
    expect(screen.getByRole('region', { name: 'Trading mode' })).toHaveTextContent('Connecting…');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows no connection state when none is given (sign-in page)', () => {
    render(ModeBanner, { mode: undefined, now });
    const banner = screen.getByRole('region', { name: 'Trading mode' });
    expect(banner).not.toHaveTextContent('Disconnected');
    expect(banner).not.toHaveTextContent('Live updates');
  });

  it('shows that arming is blocked by reconcile: as told, else as the snapshot says', async () => {
    const { rerender } = render(ModeBanner, {
      mode: { mode: 'PAPER', version: 1, reconcileBlocked: true },
      link: 'open',
      now,
    });
    const banner = screen.getByRole('region', { name: 'Trading mode' });
    expect(banner).toHaveTextContent('Arming blocked');
    await rerender({ mode: { mode: 'PAPER', version: 1, reconcileBlocked: true }, blocked: false });
    expect(banner).not.toHaveTextContent('Arming blocked');
    await rerender({ mode: { mode: 'PAPER', version: 1, reconcileBlocked: false }, blocked: true });
    expect(banner).toHaveTextContent('Arming blocked');
  });
});
