import { api } from '$lib/api/index.js';
import { Dashboard } from './dashboard.svelte.js';

/** The signed-in area's shared state (see `Dashboard`); repeated connect failures re-check the session. */
export const dashboard = new Dashboard({ checkSession: () => void api.me() });
export { clock } from './clock.svelte.js';
