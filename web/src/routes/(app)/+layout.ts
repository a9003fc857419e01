import { error, redirect } from '@sveltejs/kit';
import { api } from '$lib/api/index.js';
import type { LayoutLoad } from './$types';

/**
 * The signed-in area: who is calling decides whether to go to sign-in, and what the controls show.
 * What the ARM LIVE modal explains comes from the gateway too (`undefined` when it could not say).
 */
export const load: LayoutLoad = async ({ url, untrack }) => {
  const [me, live] = await Promise.all([api.me(), api.liveInfo()]);
  if (!me.ok) {
    const here = untrack(() => `${url.pathname}${url.search}`);
    if (me.error.status === 401) redirect(307, `/login?next=${encodeURIComponent(here)}`);
    // The error page keeps retrying while the gateway cannot be reached (see +error.svelte).
    error(me.error.status >= 400 ? me.error.status : 503, {
      message: me.error.message,
      code: me.error.code,
    });
  }
  if (me.data.role === 'strategy')
    error(403, 'API keys cannot use the dashboard; sign in as an operator or viewer');
  return { me: { name: me.data.name, role: me.data.role }, live: live.ok ? live.data : undefined };
};
