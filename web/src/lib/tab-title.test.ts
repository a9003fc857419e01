import { describe, expect, it } from 'vitest';
import { tabTitle } from './tab-title.js';

describe('tabTitle', () => {
  it('leads with the mode, and with "Disconnected" while the feed is down', () => {
    expect(tabTitle('Orders', { mode: 'LIVE', down: false })).toBe('LIVE · Orders · livegate');
    expect(tabTitle('Overview', { mode: 'HALTED', down: true })).toBe(
      'Disconnected · HALTED · Overview · livegate',
    );
    expect(tabTitle('Audit', { mode: undefined, down: false })).toBe('MODE ? · Audit · livegate');
  });
});
