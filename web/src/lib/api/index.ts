import { createApiClient } from './client.js';
import { createGatewayApi } from './gateway.js';

let unauthorized: (() => void) | undefined;

/** Where a 401 sends the operator; set once by the app layout (it knows the router). */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorized = handler;
}

/** The dashboard's one gateway client (same-origin `/api/*`). */
export const api = createGatewayApi(createApiClient({ onUnauthorized: () => unauthorized?.() }));
