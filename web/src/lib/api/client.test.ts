import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createApiClient, isUnreachable } from './client.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createApiClient', () => {
  it('GETs same-origin JSON and parses it with the schema', async () => {
    const fetch = vi.fn(async () => json(200, { n: 1 }));
    const api = createApiClient({ fetch });
    await expect(api.get('/api/x', z.object({ n: z.number() }))).resolves.toEqual({
      ok: true,
      data: { n: 1 },
    });
    expect(fetch).toHaveBeenCalledWith('/api/x', {
      method: 'GET',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      body: undefined,
    });
  });

  it('POSTs a JSON body (an empty object when none is given)', async () => {
    const fetch = vi.fn(async (_p: RequestInfo | URL, _i?: RequestInit) => json(200, {}));
    const api = createApiClient({ fetch });
    await api.post('/api/a', z.object({}), { reason: 'r' });
    await api.post('/api/b', z.object({}));
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"reason":"r"}',
    });
    expect(fetch.mock.calls[1]?.[1]?.body).toBe('{}');
  });

  it('PUTs a JSON body', async () => {
    const fetch = vi.fn(async (_p: RequestInfo | URL, _i?: RequestInit) => json(200, {}));
    await createApiClient({ fetch }).put('/api/c', z.object({}), { value: '1' });
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ method: 'PUT', body: '{"value":"1"}' });
  });

  it("returns the gateway's code and sentence for an error body", async () => {
    const api = createApiClient({
      fetch: async () =>
        json(409, { error: { code: 'TOKEN_EXPIRED', message: 'The arming token expired.' } }),
    });
    await expect(api.post('/api/live/start', z.object({}))).resolves.toEqual({
      ok: false,
      error: { status: 409, code: 'TOKEN_EXPIRED', message: 'The arming token expired.' },
    });
  });

  it('tells about a 401', async () => {
    const onUnauthorized = vi.fn();
    const api = createApiClient({
      fetch: async () => json(401, { error: { code: 'UNAUTHORIZED', message: 'Sign in first.' } }),
      onUnauthorized,
    });
    const result = await api.get('/api/mode', z.object({}));
    expect(result.ok).toBe(false);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('explains an error without a body, a wrong shape, and no answer at all', async () => {
    const bare = createApiClient({ fetch: async () => new Response('oops', { status: 502 }) });
    await expect(bare.get('/api/x', z.object({}))).resolves.toEqual({
      ok: false,
      error: {
        status: 502,
        code: 'INTERNAL',
        message: 'The server answered 502 without an explanation.',
      },
    });
    const wrong = createApiClient({ fetch: async () => json(200, { n: 'one' }) });
    await expect(wrong.get('/api/x', z.object({ n: z.number() }))).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'The answer to GET /api/x did not have the expected shape.',
      },
    });
    const down = createApiClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.get('/api/x', z.object({}))).resolves.toMatchObject({
      ok: false,
      error: { status: 0, code: 'UNAVAILABLE' },
    });
  });
});

describe('isUnreachable', () => {
  it('is true for no answer and the gateway-unreachable statuses, false for refusals', () => {
    const e = (status: number) => ({ status, code: 'X', message: 'x' });
    expect([0, 502, 503, 504].map((s) => isUnreachable(e(s)))).toEqual([true, true, true, true]);
    expect([400, 401, 403, 409, 500].map((s) => isUnreachable(e(s)))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
