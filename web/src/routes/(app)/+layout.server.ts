import { env } from '$env/dynamic/private';
import { loadWebConfig } from '$lib/server/config.js';
import type { LayoutServerLoad } from './$types';

/** What the ARM LIVE modal explains (venue, account, session length): server config, not secrets. */
export const load: LayoutServerLoad = () => ({ live: loadWebConfig(env).live });
