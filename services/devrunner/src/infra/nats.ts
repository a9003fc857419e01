import { mkdir } from 'node:fs/promises';
import { connectBus, type Bus } from '@livegate/bus';
import type { Logger } from '@livegate/runtime';
import { DevRunnerError, firstLine } from '../errors.js';
import { describeExit, type Supervisor } from '../supervisor.js';
import { canConnect, waitFor } from '../wait.js';

export interface NatsResolution {
  readonly url: string;
  /** `env`: NATS_URL; `found`: a server already running locally; `started`: our nats-server. */
  readonly source: 'env' | 'found' | 'started';
  /** Connected under the runner's namespace; the caller closes it. */
  readonly bus: Bus;
}

export interface ResolveNatsProps {
  /** NATS_URL, when set. */
  readonly configuredUrl: string | undefined;
  /** Where to look first when NATS_URL is unset (with an explicit port); a started server listens there. */
  readonly probeUrl: string;
  /** JetStream store of a started server (`.data/nats`). */
  readonly storeDir: string;
  readonly namespace: string;
  readonly logger: Logger;
  /** Runs the nats-server process (the runner's infrastructure supervisor). */
  readonly supervisor: Supervisor;
  readonly natsServer?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly startTimeoutMs?: number;
}

const TAIL_LINES = 5;

/**
 * NATS_URL when set (a bad one throws BusConnectError naming it); else a server on the probe
 * URL; else `nats-server -js` started on that address with its store in `storeDir`.
 */
export async function resolveNats(props: ResolveNatsProps): Promise<NatsResolution> {
  const { configuredUrl, probeUrl, namespace, logger } = props;
  const connect = (url: string) => connectBus({ url, name: 'devrunner', logger, namespace });
  if (configuredUrl !== undefined)
    return { url: configuredUrl, source: 'env', bus: await connect(configuredUrl) };
  try {
    return { url: probeUrl, source: 'found', bus: await connect(probeUrl) };
  } catch (err) {
    await startNatsServer(props, `nothing answers at ${probeUrl} (${firstLine(err)})`);
  }
  return { url: probeUrl, source: 'started', bus: await connect(probeUrl) };
}

async function startNatsServer(props: ResolveNatsProps, why: string): Promise<void> {
  const {
    probeUrl,
    storeDir,
    logger,
    supervisor,
    natsServer = 'nats-server',
    cwd,
    env,
    startTimeoutMs = 10_000,
  } = props;
  const { hostname, port } = new URL(probeUrl);
  const portNumber = Number(port);
  await mkdir(storeDir, { recursive: true });
  logger.info({ storeDir, port: portNumber }, 'starting nats-server with JetStream');
  const tail: string[] = [];
  const child = supervisor.start(
    {
      name: 'nats-server',
      command: natsServer,
      args: ['-a', hostname, '-p', String(portNumber), '-js', '-sd', storeDir],
      cwd,
      env,
    },
    (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      logger.debug({ child: 'nats-server' }, line);
    },
  );
  const up = await waitFor(() => canConnect(portNumber, hostname), {
    timeoutMs: startTimeoutMs,
    cancelled: () => !child.isRunning(),
  });
  if (up) return;
  const unavailable = (what: string) =>
    new DevRunnerError('NATS_UNAVAILABLE', `NATS_URL is not set, ${why}, and ${what}`);
  if (child.isRunning())
    throw unavailable(`nats-server did not accept connections within ${startTimeoutMs} ms`);
  const exit = await child.exited;
  if (exit.startError !== undefined) {
    throw unavailable(
      `nats-server could not be run (${exit.startError}): install nats-server or set NATS_URL`,
    );
  }
  throw unavailable(`nats-server exited (${describeExit(exit)}): ${tail.at(-1) ?? 'no output'}`);
}
