import { existsSync } from 'node:fs';

/** Where the browser tests look for Chromium unless CHROMIUM_PATH says otherwise. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the browser tests use: CHROMIUM_PATH, else the OS package's. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const set = env.CHROMIUM_PATH;
  return set === undefined || set === '' ? DEFAULT_CHROMIUM : set;
}

/**
 * One sentence saying how to get a browser when there is none at `path` (Playwright never downloads
 * one here), or `undefined` when it is there.
 */
export function missingChromium(
  path: string,
  exists: (p: string) => boolean = existsSync,
): string | undefined {
  if (exists(path)) return undefined;
  return `The browser tests need Chromium, and there is none at ${path}: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
}
