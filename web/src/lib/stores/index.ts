import { browserAlertOutput } from '$lib/alert-output.js';
import { api } from '$lib/api/index.js';
import { tabTitle } from '$lib/tab-title.js';
import { Alerts, type SettingsStore } from './alerts.svelte.js';
import { Dashboard } from './dashboard.svelte.js';

/** The signed-in area's shared state (see `Dashboard`); repeated connect failures re-check the session. */
export const dashboard = new Dashboard({
  checkSession: () => void api.me(),
  lastReports: () => api.lastReconcile(),
});

function localSettings(): SettingsStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage refused (privacy settings): settings last for this page only
  }
}

/** Sound and desktop alerts on HALTED and on a lost live feed (see `Alerts`). */
export const alerts = new Alerts({ output: browserAlertOutput(), storage: localSettings() });

/** The tab title of a signed-in page: the mode first (see `tabTitle`). */
export const pageTitle = (page: string): string =>
  tabTitle(page, {
    mode: dashboard.mode.snapshot?.mode,
    down: dashboard.socket.status === 'down',
  });

export { clock } from './clock.svelte.js';
