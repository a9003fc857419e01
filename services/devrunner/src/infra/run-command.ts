import { execFile } from 'node:child_process';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion; never throws for a non-zero exit (the code says it). */
export function runCommand(
  command: string,
  args: readonly string[],
  { cwd }: { cwd?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err === null) return resolve({ code: 0, stdout, stderr });
      const code = typeof err.code === 'number' ? err.code : 127;
      resolve({ code, stdout, stderr: stderr === '' ? err.message : stderr });
    });
  });
}

/** The line of a command's output that says what went wrong: the last error line, else the last line. */
export function lastLine(result: CommandResult): string {
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const errors = lines.filter((l) => /error|fatal/i.test(l));
  return errors.at(-1) ?? lines.at(-1) ?? `exit code ${result.code}`;
}
