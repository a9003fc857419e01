// A stand-in service for the supervisor and stack tests: `node child.mjs <mode> [port | ms]`.
import { createServer } from 'node:http';

const [mode, port] = process.argv.slice(2);
const log = (msg, extra = {}) =>
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), service: 'fixture', msg, ...extra })}\n`,
  );
const keepAlive = setInterval(() => {}, 1 << 30);

if (mode === 'idle') {
  process.on('SIGTERM', () => {
    log('got SIGTERM');
    process.exit(0);
  });
  log('idle', { env: process.env.FIXTURE_ENV ?? null, cwd: process.cwd() });
  process.stdout.write('a plain line\n');
} else if (mode === 'ignore-term') {
  process.on('SIGTERM', () => log('ignoring SIGTERM'));
  log('stubborn');
} else if (mode === 'crash') {
  process.stderr.write('Error: boom\n');
  process.exit(3);
} else if (mode === 'crash-after') {
  log('up for a while', { ms: Number(port) });
  setTimeout(() => process.exit(4), Number(port));
} else if (mode === 'serve') {
  const server = createServer((_req, res) => res.end('ok'));
  server.listen(Number(port), '127.0.0.1', () => log('listening', { port: Number(port) }));
  process.on('SIGTERM', () => {
    clearInterval(keepAlive);
    server.close();
  });
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
