import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateBusCredentials, writeNatsDeployment } from './credentials-file.js';

export const BUS_CONFIG_USAGE =
  'usage: pnpm bus:config --dir <dir> [--host 127.0.0.1] [--port 4222] [--http-port <port>] [--store <dir>] [--namespace <ns>] [--strategies a,b]';

/** What `pnpm bus:config` prints (one line) and its exit code. */
export interface BusConfigCliResult {
  readonly exitCode: 0 | 1;
  readonly line: string;
}

/**
 * `pnpm bus:config`: keeps `<dir>/credentials.json` (a user per service, the administrator and each
 * strategy; existing seeds kept) and writes `<dir>/nats.conf` and `<dir>/users/<name>/seed` from it.
 * Docker compose runs it before nats-server starts. Never throws.
 */
export async function runBusConfigCli(argv: readonly string[]): Promise<BusConfigCliResult> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        dir: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '4222' },
        'http-port': { type: 'string' },
        store: { type: 'string' },
        namespace: { type: 'string', default: '' },
        strategies: { type: 'string', default: '' },
      },
    });
    const port = Number(values.port);
    const httpPort = values['http-port'] === undefined ? undefined : Number(values['http-port']);
    if (values.dir === undefined || !Number.isInteger(port) || Number.isNaN(httpPort ?? 0))
      throw new Error('--dir is required; ports are numbers');
    const strategies = values.strategies.split(',').filter((s) => s !== '');
    const credentials = await loadOrCreateBusCredentials(join(values.dir, 'credentials.json'), {
      namespace: values.namespace,
      strategies,
    });
    const conf = await writeNatsDeployment(values.dir, {
      credentials,
      host: values.host,
      port,
      httpPort,
      storeDir: values.store ?? join(values.dir, 'jetstream'),
    });
    return { exitCode: 0, line: `wrote ${conf} for ${credentials.users.length} users` };
  } catch (err) {
    return { exitCode: 1, line: `${(err as Error).message}; ${BUS_CONFIG_USAGE}` };
  }
}
