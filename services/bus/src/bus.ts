import { streamDefinitions, streamNames, subjects, type Subjects } from '@livegate/contracts';
import type { Logger } from '@livegate/runtime';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import {
  connect,
  nkeyAuthenticator,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
  type Authenticator,
  type NatsConnection,
  type Status,
} from '@nats-io/transport-node';
import type { BusAuth } from './auth/credentials.js';
import type { z } from 'zod';
import { connectError } from './connect-error.js';
import { BusConnectError } from './errors.js';
import { consume, type Consumer, type ConsumeOptions } from './consume.js';
import { publish, type PublishOptions, type PublishResult } from './publish.js';
import { request, serve, type Server, type ServeOptions } from './request-reply.js';
import { ensureStreams } from './streams.js';

export interface ConnectBusOptions {
  /** The `NATS_URL` (one server, or several separated by commas). */
  readonly url: string;
  /** Client name, shown by the server's monitoring. */
  readonly name: string;
  readonly logger: Logger;
  /** Prefix of every subject and stream (`''` in production; one per test file). */
  readonly namespace?: string;
  /** Time to wait for the first handshake; default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Credentials (and the user's inbox prefix); without them the connection is anonymous. */
  readonly auth?: BusAuth;
}

function authenticatorOf(auth: BusAuth): Authenticator {
  if ('nkeySeed' in auth) return nkeyAuthenticator(new TextEncoder().encode(auth.nkeySeed));
  if ('token' in auth) return tokenAuthenticator(auth.token);
  return usernamePasswordAuthenticator(auth.user, auth.password);
}

export interface Bus {
  readonly namespace: string;
  readonly subjects: Subjects;
  readonly streams: ReturnType<typeof streamNames>;
  /** The raw connection: an escape hatch, not the usual way in. */
  readonly nc: NatsConnection;
  /** Creates the streams of DESIGN.md §2, or updates the ones that drifted. Safe to run on every boot. */
  ensureStreams(options?: { intentDuplicateWindowMs?: number }): Promise<void>;
  publish<S extends z.ZodType>(
    subject: string,
    schema: S,
    message: z.input<S>,
    options?: PublishOptions,
  ): Promise<PublishResult>;
  consume<S extends z.ZodType>(options: ConsumeOptions<S>): Promise<Consumer>;
  request<Req extends z.ZodType, Rep extends z.ZodType>(
    subject: string,
    reqSchema: Req,
    repSchema: Rep,
    payload: z.input<Req>,
    options: { timeoutMs: number },
  ): Promise<z.output<Rep>>;
  serve<Req extends z.ZodType, Rep extends z.ZodType>(
    subject: string,
    reqSchema: Req,
    repSchema: Rep,
    handler: (req: z.output<Req>) => Promise<z.input<Rep>>,
    options?: ServeOptions<Rep>,
  ): Promise<Server>;
  /** Drains subscriptions and closes the connection. */
  close(): Promise<void>;
}

/**
 * Connects to NATS. Once connected it reconnects forever; the first connect failing throws a
 * BusConnectError whose message is one line naming `NATS_URL` and the cause.
 */
export async function connectBus({
  url,
  name,
  logger,
  namespace = '',
  connectTimeoutMs = 5_000,
  auth,
}: ConnectBusOptions): Promise<Bus> {
  const log = logger.child({ component: 'bus' });
  if (url.trim() === '') {
    throw new BusConnectError(
      'NATS_URL is empty: set it to the server, e.g. nats://127.0.0.1:4222',
    );
  }
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: url.split(',').map((s) => s.trim()),
      name,
      timeout: connectTimeoutMs,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
      // Without it every request (each JetStream publish waiting for its ack) builds two Error objects
      // up front for their stacks: about a third of a 10,000-event publish's CPU (reconcile bench).
      noAsyncTraces: true,
      ...(auth !== undefined && { authenticator: authenticatorOf(auth) }),
      ...(auth?.inboxPrefix !== undefined && { inboxPrefix: auth.inboxPrefix }),
    });
  } catch (err) {
    throw connectError(url, err, connectTimeoutMs);
  }
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
  } catch (err) {
    await nc.close();
    throw connectError(url, err, connectTimeoutMs);
  }
  void logStatus(nc, log);
  log.info({ server: nc.getServer() }, 'connected to NATS');
  const js = jetstream(nc);
  const deps = { js, jsm, logger: log };

  return {
    namespace,
    subjects: subjects(namespace),
    streams: streamNames(namespace),
    nc,
    ensureStreams: ({ intentDuplicateWindowMs } = {}) =>
      ensureStreams(jsm, streamDefinitions({ namespace, intentDuplicateWindowMs }), log),
    publish: (subject, schema, message, options) => publish(js, subject, schema, message, options),
    consume: (options) => consume(deps, options),
    request: (subject, reqSchema, repSchema, payload, options) =>
      request(nc, subject, reqSchema, repSchema, payload, options),
    serve: (subject, reqSchema, repSchema, handler, options) =>
      serve(nc, log, subject, reqSchema, repSchema, handler, options),
    async close() {
      if (!nc.isClosed()) await nc.drain();
    },
  };
}

const STATUS_LEVEL: Partial<Record<Status['type'], 'debug' | 'warn' | 'error'>> = {
  disconnect: 'warn',
  reconnecting: 'debug',
  ping: 'debug',
  error: 'error',
  staleConnection: 'error',
  slowConsumer: 'error',
};

async function logStatus(nc: NatsConnection, log: Logger): Promise<void> {
  for await (const s of nc.status()) {
    const { server, error } = s as { server?: string; error?: Error };
    log[STATUS_LEVEL[s.type] ?? 'info']({ server, err: error }, `NATS ${s.type}`);
  }
}
