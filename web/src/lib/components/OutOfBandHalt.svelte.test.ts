import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import OutOfBandHalt from './OutOfBandHalt.svelte';

describe('OutOfBandHalt', () => {
  it('gives the pnpm halt command with the reason, and where the runbook explains it', async () => {
    const { rerender } = render(OutOfBandHalt, { reason: '' });
    const region = screen.getByRole('region', { name: 'Halt without the dashboard' });
    expect(region.querySelector('.cmd code')).toHaveTextContent('pnpm halt --reason "<why>"');
    await rerender({ reason: 'runaway' });
    expect(region.querySelector('.cmd code')).toHaveTextContent('pnpm halt --reason "runaway"');
    expect(region).toHaveTextContent(
      'Runbook: docs/05_RUNBOOK.md, section “Stop trading when the dashboard cannot”.',
    );
  });

  it('copies the command', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    render(OutOfBandHalt, { reason: 'x' });
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('pnpm halt --reason "x"');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    writeText.mockRejectedValue(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copied' }));
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();
  });
});
