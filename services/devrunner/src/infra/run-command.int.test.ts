import { describe, expect, it } from 'vitest';
import { lastLine, runCommand } from './run-command.js';

describe('run-command', () => {
  it('returns output and exit code without throwing', async () => {
    expect(await runCommand('sh', ['-c', 'echo out; echo err >&2'])).toEqual({
      code: 0,
      stdout: 'out\n',
      stderr: 'err\n',
    });
    const failed = await runCommand('sh', ['-c', 'echo why >&2; exit 3'], { cwd: '/tmp' });
    expect(failed).toMatchObject({ code: 3, stderr: 'why\n' });
    expect(lastLine(failed)).toBe('why');
  });

  it('reports a silent failure and a missing binary', async () => {
    const silent = await runCommand('sh', ['-c', 'exit 4']);
    expect(silent.code).toBe(4);
    expect(silent.stderr).toMatch(/Command failed/);
    const missing = await runCommand('/nonexistent/tool', []);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/ENOENT/);
  });

  it('picks the error line over a trailing hint', () => {
    expect(
      lastLine({
        code: 1,
        stdout: '',
        stderr: 'initdb: error: cannot be run as root\ninitdb: hint: log in as postgres\n',
      }),
    ).toBe('initdb: error: cannot be run as root');
  });

  it('falls back to the exit code when nothing was printed', () => {
    expect(lastLine({ code: 5, stdout: '\n', stderr: '  ' })).toBe('exit code 5');
  });
});
