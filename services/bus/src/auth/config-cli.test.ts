import { mkdtempSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBusConfigCli } from './config-cli.js';
import { loadOrCreateBusCredentials, readBusCredentials } from './credentials-file.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'livegate-bus-config-'));

describe('pnpm bus:config', () => {
  it('writes credentials, the server config and a seed per user; a second run keeps the seeds', async () => {
    const dir = fresh();
    const argv = [
      '--dir',
      dir,
      '--host',
      '0.0.0.0',
      '--http-port',
      '8222',
      '--strategies',
      'alpha',
    ];
    expect(await runBusConfigCli(argv)).toEqual({
      exitCode: 0,
      line: `wrote ${join(dir, 'nats.conf')} for 6 users`,
    });
    const first = await readBusCredentials(join(dir, 'credentials.json'));
    expect((await stat(join(dir, 'credentials.json'))).mode & 0o777).toBe(0o600);
    const conf = await readFile(join(dir, 'nats.conf'), 'utf8');
    expect(conf).toContain('"listen": "0.0.0.0:4222"');
    expect(conf).toContain(`"store_dir": "${join(dir, 'jetstream')}"`);
    expect(conf).not.toContain(first.users[0]?.nkeySeed);
    expect((await readFile(join(dir, 'users', 'strategy-alpha', 'seed'), 'utf8')).trim()).toBe(
      first.users[5]?.nkeySeed,
    );
    await runBusConfigCli([...argv, '--strategies', 'alpha,beta', '--store', '/data']);
    const second = await readBusCredentials(join(dir, 'credentials.json'));
    expect(second.users.slice(0, 6)).toEqual(first.users);
    expect(second.users).toHaveLength(7);
  });

  it('keeps the file as it is when nothing is missing', async () => {
    const file = join(fresh(), 'credentials.json');
    const made = await loadOrCreateBusCredentials(file, { namespace: 'ns' });
    expect(await loadOrCreateBusCredentials(file, { namespace: 'ns' })).toEqual(made);
  });

  it('exits 1 with one line on bad arguments or a broken credentials file', async () => {
    expect((await runBusConfigCli([])).line).toMatch(
      /^--dir is required; ports are numbers; usage: pnpm bus:config/,
    );
    expect((await runBusConfigCli(['--dir', fresh(), '--port', 'x'])).exitCode).toBe(1);
    expect((await runBusConfigCli(['--dir', fresh(), '--http-port', 'x'])).exitCode).toBe(1);
    expect((await runBusConfigCli(['--bogus'])).exitCode).toBe(1);
    const dir = fresh();
    await writeFile(join(dir, 'credentials.json'), '{"version":2}');
    expect((await runBusConfigCli(['--dir', dir])).line).toMatch(
      /credentials\.json: not a livegate credentials file/,
    );
    await writeFile(join(dir, 'credentials.json'), 'nope');
    expect((await runBusConfigCli(['--dir', dir])).line).toMatch(/credentials\.json: Unexpected/);
  });
});
