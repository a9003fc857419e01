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
});
