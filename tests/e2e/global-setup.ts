import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { run } from './stack/child.js';
import { chromiumPath, missingChromium } from './stack/chromium.js';
import { ENV } from './stack/credentials.js';
import { startStackControl } from './stack/control.js';
import { startNats } from './stack/nats.js';
import { startStack, type Stack } from './stack/stack.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Playwright globalSetup: builds the dashboard (vite build) and starts the real stack as child
 * processes — a private nats-server that requires each service's credentials, fresh migrated databases, exchange-sim, gateway, arming,
 * reconciler, execution and the built dashboard (web/server.js). Two stacks share the NATS server
 * under separate namespaces: `main`, which trades on the simulator (a strategy API key, the
 * simulator's admin token), and `expiry` (no venue) whose arming tokens live 2 s.
 * Logs: test-results/e2e-stack/.
 * Set E2E_SKIP_BUILD=1 to reuse an existing web/build.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const noBrowser = missingChromium(chromiumPath());
  if (noBrowser !== undefined) {
    // One sentence, before anything starts, instead of Playwright's "executable doesn't exist" per test.
    const err = new Error(noBrowser);
    err.stack = noBrowser;
    throw err;
  }
  const logDir = join(ROOT, 'test-results', 'e2e-stack');
  await rm(logDir, { recursive: true, force: true });
  await mkdir(logDir, { recursive: true });
  if (process.env.E2E_SKIP_BUILD !== '1') {
    await run({
      name: 'web build',
      command: process.execPath,
      args: ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
      cwd: join(ROOT, 'web'),
      env: {},
      logFile: join(logDir, 'web-build.log'),
    });
  }
  const suffix = randomBytes(3).toString('hex');
  const namespaces = { main: `e2e_main_${suffix}`, expiry: `e2e_expiry_${suffix}` };
  const nats = await startNats(Object.values(namespaces));
  const stacks: Stack[] = [];
  let control: Awaited<ReturnType<typeof startStackControl>> | undefined;
  const teardown = async () => {
    await control?.close();
    await Promise.all(stacks.map((s) => s.stop()));
    await nats.stop();
  };
  try {
    const common = { root: ROOT, logDir, nats };
    const settled = await Promise.allSettled([
      startStack({ ...common, label: 'main', namespace: namespaces.main, withSim: true }),
      // Also the four-eyes stack for risk limits (its gateway only: arming there arms alone).
      startStack({
        ...common,
        label: 'expiry',
        namespace: namespaces.expiry,
        tokenTtlS: 2,
        riskFourEyes: true,
      }),
    ]);
    for (const s of settled) if (s.status === 'fulfilled') stacks.push(s.value);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [main, expiry] = stacks as [Stack, Stack];
    process.env[ENV.webUrl] = main.webUrl;
    process.env[ENV.gatewayUrl] = main.gatewayUrl;
    process.env[ENV.databaseUrl] = main.databaseUrl;
    process.env[ENV.expiryWebUrl] = expiry.webUrl;
    process.env[ENV.expiryGatewayUrl] = expiry.gatewayUrl;
    if (main.simUrl === undefined || main.strategyKey === undefined)
      throw new Error('the main stack trades: it has a simulator and a strategy API key');
    process.env[ENV.simUrl] = main.simUrl;
    process.env[ENV.simAdminToken] = main.simAdminToken;
    process.env[ENV.strategyKey] = main.strategyKey;
    control = await startStackControl(stacks);
    process.env[ENV.controlUrl] = control.url;
  } catch (err) {
    await teardown().catch(() => {});
    throw err;
  }
  return teardown;
}
