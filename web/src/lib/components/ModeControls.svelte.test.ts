import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ModeControls from './ModeControls.svelte';

const callbacks = () => ({
  onarm: vi.fn(),
  ondisarm: vi.fn(),
  onkill: vi.fn(),
  onrelease: vi.fn(),
});
const names = () => screen.queryAllByRole('button').map((b) => b.textContent?.trim());

describe('ModeControls', () => {
  it('PAPER: ARM LIVE and the kill switch', async () => {
    const cb = callbacks();
    render(ModeControls, {
      mode: { mode: 'PAPER', version: 1, reconcileBlocked: false },
      isOperator: true,
      ...cb,
    });
    expect(names()).toEqual(['ARM LIVE', 'Kill switch']);
    await userEvent.click(screen.getByRole('button', { name: 'ARM LIVE' }));
    await userEvent.click(screen.getByRole('button', { name: 'Kill switch' }));
    expect(cb.onarm).toHaveBeenCalledOnce();
    expect(cb.onkill).toHaveBeenCalledOnce();
  });

  it('LIVE: Disarm and the kill switch', async () => {
    const cb = callbacks();
    render(ModeControls, {
      mode: {
        mode: 'LIVE',
        version: 2,
        reconcileBlocked: false,
        session: {
          id: 's',
          operator: 'a',
          startedAt: '2026-01-31T12:00:00Z',
          expiresAt: '2026-01-31T16:00:00Z',
        },
      },
      isOperator: true,
      ...cb,
    });
    expect(names()).toEqual(['Disarm', 'Kill switch']);
    await userEvent.click(screen.getByRole('button', { name: 'Disarm' }));
    expect(cb.ondisarm).toHaveBeenCalledOnce();
  });

  it('HALTED: Release only', async () => {
    const cb = callbacks();
    render(ModeControls, {
      mode: { mode: 'HALTED', version: 3, reconcileBlocked: false },
      isOperator: true,
      ...cb,
    });
    expect(names()).toEqual(['Release']);
    await userEvent.click(screen.getByRole('button', { name: 'Release' }));
    expect(cb.onrelease).toHaveBeenCalledOnce();
  });

  it('a viewer, or an unknown mode, gets no controls; busy disables them', () => {
    const { unmount } = render(ModeControls, {
      mode: { mode: 'PAPER', version: 1, reconcileBlocked: false },
      isOperator: false,
      ...callbacks(),
    });
    expect(names()).toEqual([]);
    unmount();
    const second = render(ModeControls, { mode: undefined, isOperator: true, ...callbacks() });
    expect(names()).toEqual([]);
    second.unmount();
    render(ModeControls, {
      mode: { mode: 'PAPER', version: 1, reconcileBlocked: false },
      isOperator: true,
      busy: true,
      ...callbacks(),
    });
    for (const b of screen.getAllByRole('button')) expect(b).toBeDisabled();
  });
});
