import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, destination };
}

const CANARY = 'canary-secret-5f3a';

describe('logger - redaction', () => {
  it('censors secrets at every depth the project uses and names the service', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'test-svc', destination });
    log.info(
      {
        apiSecret: CANARY,
        venue: { apiKey: CANARY, nested: { password: CANARY } },
        req: { headers: { cookie: CANARY, authorization: CANARY } },
        headers: { 'x-mbx-apikey': CANARY, 'x-livegate-proxy': CANARY },
        gateway: { proxySecret: CANARY },
        token: CANARY,
      },
      'hello',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(CANARY);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      service: 'test-svc',
      msg: 'hello',
      token: '[redacted]',
    });
  });

  it('builds a JSON logger and a pretty logger without a destination', () => {
    expect(createLogger({ service: 'a' }).level).toBe('info');
    const pretty = createLogger({ service: 'b', pretty: true, level: 'warn' });
    expect(pretty.level).toBe('warn');
  });
});
