const MAX_MESSAGE = 300;
const SIGNATURE = /signature=[^&\s"']*/gi;

/** Removes signatures and the given secrets from venue text, and bounds its length. */
export type Redactor = (text: string) => string;

/**
 * A redactor for one venue's credentials. The library's error `url` carries the request signature,
 * and a proxy's error page may echo anything, so every message from the venue passes through here
 * before it reaches an outcome or a log line.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = secrets.filter((s) => s.length > 0);
  return function redact(text) {
    let out = text.replace(SIGNATURE, 'signature=[redacted]');
    for (const needle of needles) out = out.split(needle).join('[redacted]');
    return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
  };
}
