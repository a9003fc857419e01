import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ReasonDialog from './ReasonDialog.svelte';

const halted = { mode: 'HALTED' as const, version: 2, reconcileBlocked: false };

describe('ReasonDialog', () => {
  it('needs a reason, submits it trimmed and reports the new mode', async () => {
    const submit = vi.fn(async () => ({ ok: true as const, data: halted }));
    const ondone = vi.fn();
    render(ReasonDialog, {
      title: 'Kill switch',
      explanation: 'Halts trading now.',
      confirmLabel: 'Halt trading now',
      tone: 'danger',
      submit,
      ondone,
      oncancel: vi.fn(),
    });
    const button = screen.getByRole('button', { name: 'Halt trading now' });
    expect(button).toBeDisabled();
    const reason = screen.getByRole('textbox', { name: /Reason/ });
    expect(reason).toHaveFocus();
    await userEvent.type(reason, '  runaway bot ');
    await userEvent.click(button);
    expect(submit).toHaveBeenCalledWith('runaway bot');
    await waitFor(() => expect(ondone).toHaveBeenCalledWith(halted));
  });

  it('an optional reason may stay empty; a refusal shows its sentence', async () => {
    const submit = vi.fn(async () => ({
      ok: false as const,
      error: { status: 409, code: 'NOT_LIVE', message: 'not live; nothing to disarm' },
    }));
    render(ReasonDialog, {
      title: 'Disarm',
      explanation: 'Back to PAPER.',
      confirmLabel: 'Disarm',
      reasonOptional: true,
      submit,
      ondone: vi.fn(),
      oncancel: vi.fn(),
    });
    expect(screen.getByRole('textbox', { name: /Reason \(optional\)/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Disarm' }));
    expect(submit).toHaveBeenCalledWith(undefined);
    expect(await screen.findByRole('alert')).toHaveTextContent('not live; nothing to disarm');
  });

  it('a halting dialog shows the out-of-band halt while the gateway is down, with the reason typed', async () => {
    render(ReasonDialog, {
      title: 'Kill switch',
      explanation: 'Halts trading now.',
      confirmLabel: 'Halt trading now',
      submit: vi.fn(),
      haltFallback: true,
      gatewayDown: true,
      ondone: vi.fn(),
      oncancel: vi.fn(),
    });
    const region = screen.getByRole('region', { name: 'Halt without the dashboard' });
    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'gateway gone');
    expect(region).toHaveTextContent('pnpm halt --reason "gateway gone"');
  });

  it('…and once a submit could not reach the gateway; a refusal shows only the error', async () => {
    const submit = vi
      .fn()
      .mockResolvedValueOnce({
        ok: false,
        error: { status: 409, code: 'HALTED', message: 'already halted' },
      })
      .mockResolvedValueOnce({
        ok: false,
        error: { status: 502, code: 'UNAVAILABLE', message: 'the gateway cannot be reached' },
      });
    render(ReasonDialog, {
      title: 'Kill switch',
      explanation: 'Halts trading now.',
      confirmLabel: 'Halt trading now',
      submit,
      haltFallback: true,
      ondone: vi.fn(),
      oncancel: vi.fn(),
    });
    await userEvent.type(screen.getByRole('textbox', { name: /Reason/ }), 'stop');
    await userEvent.click(screen.getByRole('button', { name: 'Halt trading now' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('already halted'));
    expect(screen.queryByRole('region', { name: 'Halt without the dashboard' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Halt trading now' }));
    await waitFor(() =>
      expect(
        screen.getByRole('region', { name: 'Halt without the dashboard' }),
      ).toBeInTheDocument(),
    );
  });
});
