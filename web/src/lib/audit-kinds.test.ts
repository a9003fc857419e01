// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_KIND_PREFIXES } from './audit-kinds.js';
import { kindMatches } from './stores/audit.svelte.js';

const services = fileURLToPath(new URL('../../../services', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every audit kind a service writes: `kind: '<family>.<what>'` in its code. */
const written = [
  ...new Set(
    readdirSync(services)
      .flatMap((s) => {
        try {
          return sources(join(services, s, 'src'));
        } catch {
          return [];
        }
      })
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/kind: '([a-z0-9_]+\.[a-z0-9_.]+)'/g)])
      .map((m) => m[1] as string),
  ),
].sort();

describe('audit kind prefixes', () => {
  it('finds the kinds the services write', () => {
    expect(written).toEqual(
      expect.arrayContaining(['arming.killed', 'auth.login', 'execution.intent_refused']),
    );
  });

  it('each offered prefix matches a kind that is written, and every written kind has its prefix', () => {
    for (const prefix of AUDIT_KIND_PREFIXES)
      expect(
        written.filter((k) => kindMatches(k, prefix)),
        prefix,
      ).not.toEqual([]);
    for (const kind of written)
      expect(
        AUDIT_KIND_PREFIXES.some((p) => kindMatches(kind, p)),
        kind,
      ).toBe(true);
  });
});
