import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AlertOutput } from '$lib/alert-output.js';
import { Alerts } from '$lib/stores/alerts.svelte.js';
import AlertControls from './AlertControls.svelte';

const output = (
  permission: NotificationPermission | 'unsupported',
  answer = permission,
): AlertOutput => ({
  permission: () => permission,
  requestPermission: async () => answer,
  notify: () => {},
  unlockSound: () => {},
  beep: () => {},
});

describe('AlertControls', () => {
  it('mutes the sound and asks for desktop alerts on a click', async () => {
    const alerts = new Alerts({ output: output('default', 'granted') });
    render(AlertControls, { alerts });
    const sound = screen.getByRole('checkbox', { name: 'Sound' });
    expect(sound).toBeChecked();
    await userEvent.click(sound);
    expect(alerts.sound).toBe(false);
    const desktop = screen.getByRole('checkbox', { name: 'Desktop alerts' });
    expect(desktop).not.toBeChecked();
    await userEvent.click(desktop);
    expect(alerts.desktop).toBe(true);
    expect(desktop).toBeChecked();
  });

  it('says why desktop alerts cannot be turned on', () => {
    render(AlertControls, { alerts: new Alerts({ output: output('denied') }) });
    expect(screen.getByRole('checkbox', { name: 'Desktop alerts' })).toBeDisabled();
    expect(screen.getByRole('group')).toHaveTextContent('blocked in the browser’s site settings');
  });
});
