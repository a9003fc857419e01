import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSimAdmin } from './index.js';

// The real `pnpm --filter @livegate/exchange-sim start` entry, as the dev runner and compose run it.
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function runMain(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const stdout: string[] = [];
  createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    lines.on('line', (l) => {
      stdout.push(l);
      const record = JSON.parse(l) as Record<string, unknown>;
      if (record.msg === 'exchange simulator ready') resolve(record);
    });
    void exited.then(() => reject(new Error(`exited before ready: ${stderr.join('\n')}`)));
  });
  ready.catch(() => undefined); // awaited only by the tests that expect a start
  return { child, stdout, stderr, exited, ready };
}

describe('exchange-sim main', () => {
  it('starts with the SIM_ACCOUNTS accounts and SIM_PRICES prices, and stops on SIGTERM', async () => {
    const run = runMain(['--seed', '3'], {
      SIM_ADMIN_TOKEN: 'main-test-token',
      SIM_ACCOUNTS: JSON.stringify([
        { apiKey: 'lgdevpaper', apiSecret: 'secret-1', balances: { USDT: '1000' } },
      ]),
      SIM_PRICES: '{"BNBUSDT":"650.00"}',
    });
    const ready = await run.ready;
    expect(ready).toMatchObject({ startAccounts: 1 });
    const admin = createSimAdmin({ url: String(ready.url), adminToken: 'main-test-token' });
    expect((await admin.account('lgdevpaper')).balances.USDT?.free).toBe('1000.00000000');
    expect((await admin.prices()).BNBUSDT).toBe('650');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout.join('\n')).not.toMatch(/secret-1|main-test-token/);
  });

  it('a bad SIM_ACCOUNTS or an unlisted SIM_PRICES symbol: one line naming it, exit 1', async () => {
    const bad = runMain([], { SIM_ACCOUNTS: '[{"apiKey":"k"}]' });
    expect(await bad.exited).toBe(1);
    expect(bad.stderr).toEqual([
      'exchange-sim: invalid configuration: SIM_ACCOUNTS.0.apiSecret: Invalid input: expected string, received undefined',
    ]);
    const unlisted = runMain([], { SIM_PRICES: '{"DOGEUSDT":"0.1"}' });
    expect(await unlisted.exited).toBe(1);
    expect(unlisted.stderr).toEqual([
      expect.stringMatching(
        /^exchange-sim: invalid start state: prices\.DOGEUSDT: not a listed symbol/,
      ),
    ]);
  });
});
