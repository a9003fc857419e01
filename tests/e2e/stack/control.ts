import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Stack } from './stack.js';

/**
 * A small HTTP server in the Playwright runner (where the global setup holds the stacks) so specs,
 * which run in worker processes, can stop and start a stack's gateway: `POST /<label>/gateway/stop`
 * and `POST /<label>/gateway/start` answer 204 once done. Listens on 127.0.0.1 only.
 */
export async function startStackControl(
  stacks: readonly Stack[],
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const match = /^\/([a-z0-9-]+)\/gateway\/(stop|start)$/.exec(req.url ?? '');
    const stack = stacks.find((s) => s.label === match?.[1]);
    if (req.method !== 'POST' || match === null || stack === undefined) {
      res.writeHead(404).end();
      return;
    }
    const action = match[2] === 'stop' ? stack.gateway.stop() : stack.gateway.start();
    action.then(
      () => res.writeHead(204).end(),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
