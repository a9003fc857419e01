import { expect, it } from 'vitest';
import { safeNextPath } from './next-path.js';

it.each([
  [null, '/'],
  ['/orders?state=NEW', '/orders?state=NEW'],
  ['https://evil.example/', '/'],
  ['//evil.example/', '/'],
  ['/\\evil.example', '/'],
  ['orders', '/'],
  ['/login', '/'],
  ['/login?next=/x', '/'],
])('next=%s goes to %s', (next, path) => {
  expect(safeNextPath(next)).toBe(path);
});
