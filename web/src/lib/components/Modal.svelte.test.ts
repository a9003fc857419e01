import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import ArmLiveModal from './ArmLiveModal.svelte';
import ReasonDialog from './ReasonDialog.svelte';

it('gives focus back to the control that opened it once it closes', async () => {
  const opener = document.createElement('button');
  opener.textContent = 'ARM LIVE';
  document.body.append(opener);
  opener.focus();
  // The modal's first step moves focus itself as it mounts, before the modal's own trap runs.
  const view = render(ArmLiveModal, {
    info: { liveVenue: 'v', liveAccount: null, sessionMaxS: 60, tokenTtlS: 60 },
    now: 0,
    requestToken: vi.fn(),
    confirm: vi.fn(),
    onarmed: vi.fn(),
    oncancel: vi.fn(),
  });
  expect(screen.getByRole('checkbox')).toHaveFocus();
  view.unmount();
  expect(opener).toHaveFocus();
  opener.remove();
});

it('pulls focus back inside when something outside gets it, and clicking the backdrop cancels', async () => {
  const outside = document.createElement('button');
  document.body.append(outside);
  const oncancel = vi.fn();
  render(ReasonDialog, {
    title: 'T',
    explanation: 'x',
    confirmLabel: 'Go',
    submit: vi.fn(),
    ondone: vi.fn(),
    oncancel,
  });
  outside.focus();
  expect(screen.getByRole('textbox', { name: /Reason/ })).toHaveFocus();
  await userEvent.click(screen.getByRole('presentation'));
  expect(oncancel).toHaveBeenCalledOnce();
  await userEvent.click(screen.getByRole('dialog'));
  expect(oncancel).toHaveBeenCalledOnce();
  outside.remove();
});
