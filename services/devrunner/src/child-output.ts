import { prettyFactory } from 'pino-pretty';

export type OutputStream = 'stdout' | 'stderr';

/** Receives each line a child prints, without its newline. */
export type LineSink = (line: string, stream: OutputStream) => void;

export interface ChildOutputProps {
  /** The child's name; every line is tagged with it. */
  readonly name: string;
  /** Pretty lines for a terminal, else one JSON object per line. */
  readonly pretty: boolean;
  readonly colorize?: boolean;
  readonly write: (text: string) => void;
  readonly now?: () => number;
}

function parsePinoLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    // A line that starts with "{" parses to an object or not at all.
    const record = JSON.parse(line) as Record<string, unknown>;
    return typeof record.level === 'number' ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Relays a child's output into the runner's: pino JSON lines pass through unchanged (JSON mode) or
 * prettified with the child's name in front (pretty mode); other lines (a crash trace) become log
 * lines of their own, `error` level when they came on stderr.
 */
export function createChildOutput({
  name,
  pretty,
  colorize = false,
  write,
  now = Date.now,
}: ChildOutputProps): LineSink {
  const prettify = prettyFactory({
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
    colorize,
  });
  return function relayChildLine(line, stream) {
    if (line.trim() === '') return;
    const record = parsePinoLine(line);
    if (pretty) {
      write(`${name} | ${record === undefined ? `${line}\n` : prettify(record)}`);
      return;
    }
    if (record !== undefined) {
      write(`${line}\n`);
      return;
    }
    const level = stream === 'stderr' ? 50 : 30;
    write(`${JSON.stringify({ level, time: now(), service: name, stream, msg: line })}\n`);
  };
}
