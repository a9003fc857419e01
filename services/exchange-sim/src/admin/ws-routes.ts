import type { Hono } from 'hono';
import type { WsHub } from '../ws/hub.js';
import type { StreamRouter } from '../ws/streams.js';
import { parseBody } from './respond.js';
import { wsDropBodySchema, wsGapBodySchema } from './schemas.js';

/** `GET /ws` (open connections and subscriptions), `POST /ws/drop`, `POST /ws/gap`. */
export function wsAdminRoutes(admin: Hono, hub: WsHub, router: StreamRouter): void {
  admin.get('/ws', (c) => c.json(router.counts()));
  admin.post('/ws/drop', async (c) => {
    const body = await parseBody(c, wsDropBodySchema);
    if (!body.ok) return body.response;
    return c.json({ dropped: hub.dropAll(body.value.graceful) });
  });
  admin.post('/ws/gap', async (c) => {
    const body = await parseBody(c, wsGapBodySchema);
    if (!body.ok) return body.response;
    return c.json({ pending: hub.skipUserEvents(body.value.count) });
  });
}
