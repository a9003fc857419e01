import { z } from 'zod';
import { checkTimestamp } from '../auth.js';
import { errors, type ApiError } from '../errors.js';
import { checkAllRead } from '../param-names.js';
import { signatureMatches } from '../signing.js';
import type { SimState } from '../state.js';

/** One WebSocket API request frame: `{ id, method, params? }`. */
const requestSchema = z.object({
  id: z.union([z.string(), z.number(), z.null()]),
  method: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

const SUBSCRIBE_PARAMS = ['apiKey', 'timestamp', 'signature', 'recvWindow'];
const WEIGHTS: Readonly<Record<string, number>> = {
  ping: 1,
  time: 1,
  'userDataStream.subscribe.signature': 2,
  'userDataStream.unsubscribe': 2,
};

type Params = ReadonlyMap<string, string>;
type Result = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** What a session does with a subscription: the hub routes user-data events by API key. */
export interface WsApiSession {
  /** Handles one text frame; answers through `send`. */
  handle(raw: string): void;
  /** subscriptionId → API key of its account. */
  readonly subscriptions: ReadonlyMap<number, string>;
}

/**
 * The WebSocket API (`/ws-api/v3`) as far as the user data stream needs it: `ping`, `time`,
 * `userDataStream.subscribe.signature` (apiKey, timestamp, signature, optional recvWindow; HMAC-SHA256
 * over the other parameters sorted by name, `k=v` joined with `&`), `userDataStream.unsubscribe`
 * (one `subscriptionId`, or all). Answers `{ id, status, result | error, rateLimits }`; each request
 * counts against the shared REQUEST_WEIGHT.
 */
export function createWsApiSession(state: SimState, send: (frame: string) => void): WsApiSession {
  const subscriptions = new Map<number, string>();
  let nextSubscriptionId = 0;

  const ok = (value: unknown): Result => ({ ok: true, value });
  const bad = (error: ApiError): Result => ({ ok: false, error });

  function subscribe(params: Params): Result {
    const read = checkAllRead(params, SUBSCRIBE_PARAMS);
    if (!read.ok) return bad(read.error);
    const apiKey = params.get('apiKey');
    if (apiKey === undefined) return bad(errors.mandatory('apiKey'));
    const signature = params.get('signature');
    if (signature === undefined || signature === '') return bad(errors.mandatory('signature'));
    const account = state.accounts.get(apiKey);
    if (account === undefined) return bad(errors.rejectedApiKey());
    const timing = checkTimestamp(params, state.clock());
    if (!timing.ok) return bad(timing.error);
    const payload = [...params]
      .filter(([name]) => name !== 'signature')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    if (!signatureMatches(account.apiSecret, payload, signature)) return bad(errors.badSignature());
    const subscriptionId = nextSubscriptionId++;
    subscriptions.set(subscriptionId, apiKey);
    return ok({ subscriptionId });
  }

  function unsubscribe(params: Params): Result {
    const read = checkAllRead(params, ['subscriptionId']);
    if (!read.ok) return bad(read.error);
    const raw = params.get('subscriptionId');
    if (raw === undefined) subscriptions.clear();
    else if (!subscriptions.delete(Number(raw))) return bad(errors.invalidParam('subscriptionId'));
    return ok({});
  }

  function dispatch(method: string, params: Params): Result {
    switch (method) {
      case 'ping':
        return ok({});
      case 'time':
        return ok({ serverTime: state.clock() });
      case 'userDataStream.subscribe.signature':
        return subscribe(params);
      case 'userDataStream.unsubscribe':
        return unsubscribe(params);
      default:
        return bad(errors.unsupportedOperation());
    }
  }

  function answer(id: unknown, result: Result): void {
    const rateLimits = [
      {
        rateLimitType: 'REQUEST_WEIGHT',
        interval: 'MINUTE',
        intervalNum: 1,
        limit: state.rateLimiter.limits.requestWeightPerMinute,
        count: state.rateLimiter.usedWeight(),
      },
    ];
    const body = result.ok
      ? { id, status: 200, result: result.value, rateLimits }
      : {
          id,
          status: result.error.status === 404 ? 400 : result.error.status,
          error: { code: result.error.code, msg: result.error.msg },
          rateLimits,
        };
    send(JSON.stringify(body));
  }

  return {
    subscriptions,
    handle(raw) {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        json = undefined;
      }
      const request = requestSchema.safeParse(json);
      if (!request.success) {
        answer(null, bad({ status: 400, code: -1135, msg: 'Invalid JSON Request' }));
        return;
      }
      const { id, method, params = {} } = request.data;
      const ban = state.rateLimiter.checkBan();
      const admitted =
        ban === undefined ? state.rateLimiter.admitRequest(WEIGHTS[method] ?? 1) : undefined;
      if (ban !== undefined || admitted?.ok === false) {
        answer(id, bad(ban ?? (admitted as { error: ApiError }).error));
        return;
      }
      const asStrings = new Map(Object.entries(params).map(([k, v]) => [k, String(v)]));
      answer(id, dispatch(method, asStrings));
    },
  };
}
