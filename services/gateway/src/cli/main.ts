import { stdin, stderr, stdout } from 'node:process';
import { createDb } from '@livegate/db';
import { loadGatewayConfig } from '../config.js';
import { readAll, runCli } from './run-cli.js';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.OPERATOR_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!stdin.isTTY) return readAll(stdin);
  stderr.write('Password (not echoed): ');
  stdin.setRawMode(true);
  let password = '';
  try {
    for await (const chunk of stdin) {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return password;
        if (ch === '\u0003') throw new Error('cancelled');
        if (ch === '\u007f') password = password.slice(0, -1);
        else password += ch;
      }
    }
    return password;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    stderr.write('\n');
  }
}

const config = loadGatewayConfig(process.env);
const db = createDb({ url: config.databaseUrl, max: 1 });
const code = await runCli(process.argv.slice(2), {
  db,
  password: readPassword,
  out: (text) => stdout.write(`${text}\n`),
  err: (text) => stderr.write(`${text}\n`),
  now: () => new Date(),
}).finally(() => db.destroy());
process.exit(code);
