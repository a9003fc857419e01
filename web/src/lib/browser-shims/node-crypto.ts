// The browser build's stand-in for `node:crypto`. @livegate/contracts imports `createHash` for
// intent fingerprints, which the dashboard never computes; Vite's own stub throws as soon as the
// module is evaluated in dev, this one only if something really calls it.
export function createHash(): never {
  throw new Error(
    'node:crypto is not available in the dashboard (intent fingerprints are computed server-side)',
  );
}
