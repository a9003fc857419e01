import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The gateway's and the dashboard's variables, read from the files that parse them, must each be in
// .env.example (`NAME=` or `# NAME=`) and in the README's configuration table.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');
const schemaKeys = (file: string) =>
  [...read(file).matchAll(/^ {2,4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] as string);
const envReads = (file: string) =>
  [...read(file).matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] as string);

const variables = [
  ...new Set([
    ...schemaKeys('services/gateway/src/config.ts'),
    ...envReads('services/gateway/src/main.ts'),
    ...envReads('services/gateway/src/cli/main.ts'),
    ...schemaKeys('web/src/lib/server/config.ts'),
    ...schemaKeys('web/server.js'),
  ]),
];

describe('gateway and dashboard variables are documented', () => {
  it('finds the variables where they are parsed', () => {
    expect(variables).toEqual(
      expect.arrayContaining([
        'SESSION_TTL_S',
        'LIVE_VENUE_LABEL',
        'LOGIN_FAILURE_LIMIT',
        'GATEWAY_PROXY_SECRET',
        'REFUSAL_AUDIT_WINDOW_S',
        'LOG_FORMAT',
        'OPERATOR_PASSWORD',
        'GATEWAY_URL',
        'PORT',
      ]),
    );
  });

  it('lists each in .env.example and in the README configuration table', () => {
    const example = read('.env.example');
    const readme = read('README.md');
    for (const name of variables) {
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
      expect(readme, name).toMatch(new RegExp(`^\\| [^|]*\`${name}\``, 'm'));
    }
  });
});
