import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { inject } from 'vitest';
import './provided.js';

export interface TestNats {
  readonly url: string;
  /** A namespace unique to this call: pass it to `subjects()` / `streamDefinitions()`. */
  readonly namespace: string;
  /** Deletes every stream whose name starts with this namespace. */
  cleanup(): Promise<void>;
}

/** The shared NATS server and a fresh namespace, so test files never see each other's streams. */
export function useNats(): TestNats {
  const url = inject('natsUrl');
  const namespace = `t${randomBytes(5).toString('hex')}`;
  return {
    url,
    namespace,
    async cleanup() {
      const nc = await connect({ servers: url });
      try {
        const jsm = await jetstreamManager(nc);
        const prefix = `${namespace.toUpperCase()}_`;
        for await (const name of jsm.streams.names()) {
          if (name.startsWith(prefix)) await jsm.streams.delete(name);
        }
      } finally {
        await nc.close();
      }
    },
  };
}
