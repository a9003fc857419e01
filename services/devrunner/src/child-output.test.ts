import { describe, expect, it } from 'vitest';
import { createChildOutput } from './child-output.js';

function collect(pretty: boolean) {
  const out: string[] = [];
  const sink = createChildOutput({
    name: 'sim',
    pretty,
    write: (t) => out.push(t),
    now: () => 1234,
  });
  return { out, sink };
}

const pinoLine = JSON.stringify({
  level: 30,
  time: 1,
  pid: 9,
  hostname: 'h',
  service: 'exchange-sim',
  msg: 'listening',
  port: 8090,
});

describe('child output - JSON mode', () => {
  it('passes pino lines through unchanged', () => {
    const { out, sink } = collect(false);
    sink(pinoLine, 'stdout');
    expect(out).toEqual([`${pinoLine}\n`]);
  });

  it('wraps other lines as log records naming the child, errors for stderr', () => {
    const { out, sink } = collect(false);
    sink('plain text', 'stdout');
    sink('{"not":"pino"}', 'stderr');
    sink('{broken', 'stderr');
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { level: 30, time: 1234, service: 'sim', stream: 'stdout', msg: 'plain text' },
      { level: 50, time: 1234, service: 'sim', stream: 'stderr', msg: '{"not":"pino"}' },
      { level: 50, time: 1234, service: 'sim', stream: 'stderr', msg: '{broken' },
    ]);
  });

  it('drops blank lines', () => {
    const { out, sink } = collect(false);
    sink('', 'stdout');
    sink('   ', 'stderr');
    expect(out).toEqual([]);
  });

  it('does not mistake other JSON objects for records', () => {
    const { out, sink } = collect(false);
    sink('{}', 'stdout');
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ msg: '{}' });
  });
});

describe('child output - pretty mode', () => {
  it('prettifies pino lines behind the child name', () => {
    const { out, sink } = collect(true);
    sink(pinoLine, 'stdout');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^sim \| \[\d\d:\d\d:\d\d\.\d{3}\] INFO: listening\n\s+port: 8090\n$/);
    expect(out[0]).not.toContain('hostname');
  });

  it('prefixes plain lines', () => {
    const { out, sink } = collect(true);
    sink('Error: boom', 'stderr');
    expect(out).toEqual(['sim | Error: boom\n']);
  });
});
