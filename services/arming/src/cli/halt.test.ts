import { describe, expect, it } from 'vitest';
import { cliOperator, describeHalt, parseHaltArgs } from './halt.js';

describe('pnpm halt - arguments and output', () => {
  it('takes --reason <text> or --reason=<text>, ignoring the -- pnpm passes', () => {
    expect(parseHaltArgs(['--reason', 'Exchange incident'])).toEqual({
      ok: true,
      reason: 'Exchange incident',
    });
    expect(parseHaltArgs(['--', '--reason=  Gateway down  '])).toEqual({
      ok: true,
      reason: 'Gateway down',
    });
  });

  it('refuses a missing or blank reason and unknown arguments, with the usage', () => {
    expect(parseHaltArgs([])).toEqual({
      ok: false,
      message: 'a reason is required; usage: pnpm halt --reason <text>',
    });
    expect(parseHaltArgs(['--reason'])).toMatchObject({ ok: false });
    expect(parseHaltArgs(['--reason', ' '])).toMatchObject({ ok: false });
    expect(parseHaltArgs(['--force'])).toEqual({
      ok: false,
      message: 'unknown argument "--force"; usage: pnpm halt --reason <text>',
    });
  });

  it('audits as cli@<os user>, made operator-name safe', () => {
    expect(cliOperator('root')).toBe('cli@root');
    expect(cliOperator('DOMAIN\\jane doe')).toBe('cli@DOMAIN-jane-doe');
    expect(cliOperator('')).toBe('cli@unknown');
    expect(cliOperator()).toMatch(/^cli@[A-Za-z0-9_.@-]+$/);
  });

  it('says what happened in one line', () => {
    expect(
      describeHalt({
        ok: true,
        result: { mode: 'HALTED', version: 7, reconcileBlocked: false },
      }),
    ).toMatch(/^HALTED \(trading state version 7\): live intents are refused/);
    expect(describeHalt({ ok: false, error: { code: 'RATE_LIMITED', message: 'Too many.' } })).toBe(
      'halt refused: RATE_LIMITED: Too many.',
    );
  });
});
