import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// `vite dev` only: /api/* goes through hooks.server.ts (as in production); the websocket upgrade
// is proxied here because the dev server owns the HTTP server. Production does it in server.js.
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

const cryptoShim = fileURLToPath(
  new URL('./src/lib/browser-shims/node-crypto.ts', import.meta.url),
);

/** Browser code gets a harmless `node:crypto` (see the shim); server code keeps the real one. */
function browserNodeCrypto(): Plugin {
  return {
    name: 'livegate-browser-node-crypto',
    enforce: 'pre',
    resolveId(id, _importer, options) {
      return id === 'node:crypto' && !options.ssr ? cryptoShim : undefined;
    },
  };
}

export default defineConfig({
  plugins: [browserNodeCrypto(), sveltekit()],
  server: { proxy: { '/ws': { target: gatewayUrl, ws: true, changeOrigin: false } } },
});
