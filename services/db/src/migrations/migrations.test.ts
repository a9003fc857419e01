import { describe, expect, it } from 'vitest';
import { migrationProvider, migrations } from './index.js';

describe('migration provider', () => {
  // Numbers are handed out per issue ahead of time, so a branch may skip some; never reuse or reorder.
  it('lists NNNN_<owner>_<what> migrations from 0001, numbers strictly increasing', () => {
    const names = Object.keys(migrations);
    expect(names[0]).toBe('0001_audit_log');
    names.forEach((name, i) => {
      expect(name).toMatch(/^\d{4}_[a-z]+_[a-z0-9_]+$/);
      if (i > 0)
        expect(Number(name.slice(0, 4))).toBeGreaterThan(Number(names[i - 1]?.slice(0, 4)));
    });
  });

  it('gives every migration an up and a down, and returns a copy the caller cannot use to edit the list', async () => {
    const provided = await migrationProvider.getMigrations();
    expect(Object.keys(provided)).toEqual(Object.keys(migrations));
    for (const m of Object.values(provided)) {
      expect(typeof m.up).toBe('function');
      expect(typeof m.down).toBe('function');
    }
    delete provided['0001_audit_log'];
    expect(Object.keys(migrations)).toContain('0001_audit_log');
  });
});
