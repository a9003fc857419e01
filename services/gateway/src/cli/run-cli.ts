import { parseArgs } from 'node:util';
import type { Db } from '../auth/operators.repository.js';
import { addApiKey, addOperator, type CommandResult } from './commands.js';
import { disableOperator, revokeApiKey } from './revoke-commands.js';

export interface CliIo {
  readonly db: Db;
  /** The password when given by OPERATOR_PASSWORD, otherwise read from stdin on demand. */
  readonly password: () => Promise<string>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly now: () => Date;
}

export const USAGE = [
  'usage: pnpm operator:add --name <name> --role operator|viewer   (password from OPERATOR_PASSWORD or stdin)',
  '       pnpm operator:disable --name <name> [--reason <text>]    (revokes their sessions)',
  '       pnpm apikey:add --label <label> --source <source>        (prints the key once; it sends and reads only that source)',
  '       pnpm apikey:revoke --id <key id> [--reason <text>]',
].join('\n');

/** Reads a whole stream as text without its final line break (a password piped on stdin). */
export async function readAll(stream: AsyncIterable<Buffer | string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<CommandResult> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      label: { type: 'string' },
      id: { type: 'string' },
      source: { type: 'string' },
      reason: { type: 'string' },
    },
    strict: true,
  });
  if (command === 'operator:add') {
    return addOperator(io.db, {
      name: values.name,
      role: values.role,
      password: await io.password(),
    });
  }
  if (command === 'apikey:add') {
    return addApiKey(io.db, { label: values.label, source: values.source }, io.now());
  }
  if (command === 'operator:disable') {
    return disableOperator(io.db, { name: values.name, reason: values.reason }, io.now());
  }
  if (command === 'apikey:revoke') {
    return revokeApiKey(io.db, { id: values.id, reason: values.reason }, io.now());
  }
  return { ok: false, error: `unknown command ${JSON.stringify(command ?? '')}` };
}

/** Runs one CLI command; returns the process exit code. A password is never taken from argv. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let result: CommandResult;
  try {
    result = await dispatch(argv, io);
  } catch (err) {
    result = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (result.ok) {
    io.out(result.output);
    return 0;
  }
  io.err(`${result.error}\n${USAGE}`);
  return 1;
}
