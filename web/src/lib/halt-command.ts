/** Where the runbook explains halting without the dashboard (docs/05_RUNBOOK.md). */
export const OUT_OF_BAND_RUNBOOK = {
  file: 'docs/05_RUNBOOK.md',
  section: 'Stop trading when the dashboard cannot',
} as const;

/**
 * A word for a POSIX shell: in double quotes with `\`, `"`, `$` and backquotes escaped; in single
 * quotes when it holds `!` (which interactive bash expands even inside double quotes).
 */
export function shellQuote(text: string): string {
  if (text.includes('!')) return `'${text.replaceAll("'", `'\\''`)}'`;
  return `"${text.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/**
 * The command that halts trading without the dashboard or the gateway (`pnpm halt`, run from the
 * livegate checkout with its `.env`), with the operator's reason — or a placeholder while there is none.
 */
export function haltCommand(reason: string): string {
  const trimmed = reason.trim();
  return `pnpm halt --reason ${trimmed === '' ? '"<why>"' : shellQuote(trimmed)}`;
}
