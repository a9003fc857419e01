// The dashboard is a client-rendered app: everything it shows comes live from the gateway over the
// websocket and /api, so server rendering would only show stale state.
export const ssr = false;
