import { describe, expect, it } from 'vitest';
import { chromiumPath, DEFAULT_CHROMIUM, missingChromium } from './chromium.js';

describe('e2e chromium', () => {
  it('uses CHROMIUM_PATH when set, else the OS package', () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
    expect(chromiumPath({ CHROMIUM_PATH: '' })).toBe(DEFAULT_CHROMIUM);
    expect(chromiumPath({})).toBe(DEFAULT_CHROMIUM);
  });

  it('says in one sentence how to get a browser when there is none', () => {
    const said = missingChromium('/nowhere/chromium', () => false);
    expect(said).toBe(
      'The browser tests need Chromium, and there is none at /nowhere/chromium: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
    expect(said).not.toContain('\n');
    expect(missingChromium('/usr/bin/chromium', () => true)).toBeUndefined();
  });
});
