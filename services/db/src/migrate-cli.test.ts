import { describe, expect, it } from 'vitest';
import { parseMigrateArgs } from './migrate-cli.js';

describe('parseMigrateArgs', () => {
  it('migrates up by default and one step down with --down', () => {
    expect(parseMigrateArgs([])).toEqual({ direction: 'up' });
    expect(parseMigrateArgs(['--down'])).toEqual({ direction: 'down' });
  });

  it('refuses anything else with the usage line', () => {
    expect(parseMigrateArgs(['--up'])).toEqual({
      error: expect.stringMatching(/^unknown arguments "--up"; usage: pnpm db:migrate \[--down\]/),
    });
    expect(parseMigrateArgs(['--down', 'x'])).toHaveProperty('error');
  });
});
