import pg from 'pg';
const counts = new Map<string, number>();
const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const q = args[0] as string | { text: string };
  const text = (typeof q === 'string' ? q : q.text).replace(/\s+/g, ' ').slice(0, 90);
  counts.set(text, (counts.get(text) ?? 0) + 1);
  return orig.apply(this, args);
};
const { run } = await import('./pipeline.bench.js');
await run();
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v, k);
