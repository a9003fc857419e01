import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// `.env.example` (which `pnpm start` mirrors in `.env`) must list every variable the code reads: each
// `process.env.X` / `process.env['X']`, and each key of a zod env schema — an object of UPPER_SNAKE
// keys given to `z.object(...)` (directly or through a variable), or a shared `…Env` entry object
// (`logEnv`, `busEnv`, …) that the services' schemas take their entries from. Read from the source of
// services/*/src and web (its server and its src), tests excluded.

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Two characters at least: the one-letter keys of Binance stream events (`e`, `E`, `X`) are not env.
const ENV_NAME = /^[A-Z][A-Z0-9]+(_[A-Z0-9]+)*$/;
/** The OS's, not ours to document. */
const NOT_OURS = new Set(['PATH']);

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    const code = /\.(ts|js|mjs)$/.test(e.name) && !/\.(test|spec)\.|\.d\.ts$/.test(e.name);
    return code && !path.includes('__fixtures__') ? [path] : [];
  });
}

const files = [
  ...readdirSync(join(root, 'services')).flatMap((s) =>
    sourceFiles(join(root, 'services', s, 'src')),
  ),
  ...sourceFiles(join(root, 'web', 'src')),
  ...['server.js', 'ws-proxy.js'].map((f) => join(root, 'web', f)),
];

/** The UPPER_SNAKE keys of an object literal, each with its property. */
const envKeys = (o: ts.ObjectLiteralExpression): [string, ts.Node][] =>
  o.properties.flatMap((p) =>
    (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
    (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
    ENV_NAME.test(p.name.text)
      ? [[p.name.text, p] as [string, ts.Node]]
      : [],
  );

/** The variables one file reads, each with where. */
export function envReads(file: string, text: string): Map<string, string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const objects = new Map<string, ts.ObjectLiteralExpression>();
  const found = new Map<string, string>();
  const add = (name: string, node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    if (!NOT_OURS.has(name)) found.set(name, `${relative(root, file)}:${line + 1}`);
  };
  const isProcessEnv = (e: ts.Expression) => e.getText(source).replace(/\s/g, '') === 'process.env';
  const zodObjects: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && isProcessEnv(node.expression))
      add(node.name.text, node);
    if (
      ts.isElementAccessExpression(node) &&
      isProcessEnv(node.expression) &&
      ts.isStringLiteralLike(node.argumentExpression)
    )
      add(node.argumentExpression.text, node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      if (ts.isObjectLiteralExpression(node.initializer)) {
        objects.set(node.name.text, node.initializer);
        if (node.name.text.endsWith('Env'))
          for (const [k, at] of envKeys(node.initializer)) add(k, at);
      }
    }
    if (
      ts.isCallExpression(node) &&
      /^z\.(object|strictObject|looseObject)$/.test(
        node.expression.getText(source).replace(/\s/g, ''),
      ) &&
      node.arguments[0] !== undefined
    )
      zodObjects.push(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const arg of zodObjects) {
    const literal = ts.isIdentifier(arg) ? objects.get(arg.text) : arg;
    if (literal !== undefined && ts.isObjectLiteralExpression(literal))
      for (const [k, at] of envKeys(literal)) add(k, at);
  }
  return found;
}

const read = new Map<string, string>();
for (const file of files)
  for (const [name, where] of envReads(file, readFileSync(file, 'utf8'))) read.set(name, where);

/** `NAME=` or `# NAME=` at the start of a line of .env.example. */
const listed = new Set(
  [...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map(
    (m) => m[1] as string,
  ),
);

describe('.env.example lists every variable the code reads', () => {
  it('finds reads of every kind: process.env, service schemas, shared entries, the dashboard', () => {
    expect([...read.keys()]).toEqual(
      expect.arrayContaining([
        'OPERATOR_PASSWORD', // process.env.X (gateway CLI)
        'EXECUTION_CONCURRENCY', // a service's schema
        'LOG_LEVEL', // a shared entry (logEnv)
        'DATABASE_URL', // z.object(databaseEnv) in db
        'GATEWAY_URL', // the dashboard's server
        'SIM_ADMIN_TOKEN',
      ]),
    );
  });

  it('has each of them', () => {
    const missing = [...read]
      .filter(([name]) => !listed.has(name))
      .map(([n, at]) => `${n} (${at})`);
    expect(missing, 'add these to .env.example, with their defaults').toEqual([]);
  });
});

describe('envReads', () => {
  it('reads process.env by name and by key, and the UPPER_SNAKE keys of zod env schemas', () => {
    const text = `
      const a = process.env.ONE; const b = process.env['TWO'];
      const shape = { THREE: z.string(), lower: z.string() };
      const schema = z.object(shape).refine(() => true);
      const inline = z.strictObject({ FOUR: x, 'FIVE': y, ...spread });
      const sharedEnv = { SIX: z.string() };
      const limits = { SEVEN: 1 };
      const response = z.object({ orderId: z.number() });
      const path = z.object({ PATH: z.string() });`;
    expect([...envReads(join(root, 'x.ts'), text).keys()].sort()).toEqual([
      'FIVE',
      'FOUR',
      'ONE',
      'SIX',
      'THREE',
      'TWO',
    ]);
  });
});
