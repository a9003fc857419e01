import { describe, expect, it } from 'vitest';
import { haltCommand, shellQuote } from './halt-command.js';

describe('haltCommand', () => {
  it('puts the reason in, quoted for the shell, or a placeholder', () => {
    expect(haltCommand('  runaway strategy ')).toBe('pnpm halt --reason "runaway strategy"');
    expect(haltCommand('')).toBe('pnpm halt --reason "<why>"');
    expect(haltCommand('gateway "down"')).toBe('pnpm halt --reason "gateway \\"down\\""');
  });

  it('never lets the shell expand or end the word', () => {
    expect(shellQuote('$(rm -rf ~) `id` \\n')).toBe('"\\$(rm -rf ~) \\`id\\` \\\\n"');
    expect(shellQuote("stop it! it's wrong")).toBe(`'stop it! it'\\''s wrong'`);
  });
});
