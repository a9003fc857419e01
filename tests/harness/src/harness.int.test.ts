import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { useNats } from './index.js';

describe('harness - nats', () => {
  it('gives a reachable JetStream server and a namespace whose streams cleanup removes', async () => {
    const t = useNats();
    expect(t.namespace).toMatch(/^t[0-9a-f]{10}$/);
    const nc = await connect({ servers: t.url });
    const jsm = await jetstreamManager(nc);
    const name = `${t.namespace.toUpperCase()}_PROBE`;
    await jsm.streams.add({ name, subjects: [`${t.namespace}.probe`] });
    await t.cleanup();
    await expect(jsm.streams.info(name)).rejects.toThrow(/stream not found/);
    await nc.close();
  });
});
