import { describe, expect, it } from 'vitest';
import { createBusUsers, findBusUser, serverUserOf, type BusUser } from './credentials.js';
import { identityName, inboxPrefixOf } from './identity.js';
import { busPermissions } from './permissions.js';
import { natsServerConfig } from './server-config.js';

describe('bus permissions', () => {
  it('confine a strategy to its own intents, cancels, events and inbox', () => {
    expect(busPermissions({ role: 'strategy', source: 'alpha' }, 'ns')).toEqual({
      publish: [
        '$JS.API.INFO',
        '$JS.API.STREAM.INFO.NS_ORDER_INTENTS',
        '$JS.API.STREAM.INFO.NS_ORDER_EVENTS',
        '$JS.API.STREAM.INFO.NS_MODE',
        '$JS.API.STREAM.INFO.NS_RECONCILE',
        '$JS.API.STREAM.INFO.NS_AUDIT',
        '$JS.API.STREAM.INFO.NS_DEAD_LETTERS',
        'ns.orders.intent.alpha',
        'ns.orders.cancel.alpha',
      ],
      subscribe: [
        '_INBOX_ns_strategy-alpha.>',
        'ns.orders.event.alpha.>',
        'ns.orders.cancel-outcome.alpha.>',
      ],
      allowResponses: false,
    });
  });

  it('give only arming mode changes and replies, only the gateway arming requests', () => {
    const arming = busPermissions({ role: 'service', service: 'arming' });
    expect(arming.publish).toContain('mode.changed');
    expect(arming.subscribe).toEqual(['_INBOX_arming.>', 'arming.*']);
    expect(arming.allowResponses).toBe(true);
    const gateway = busPermissions({ role: 'service', service: 'gateway' });
    expect(gateway.publish).toContain('arming.*');
    expect(gateway.publish).not.toContain('mode.changed');
    const reconciler = busPermissions({ role: 'service', service: 'reconciler' });
    expect(reconciler.publish).toContain('reconcile.completed');
    for (const service of ['execution', 'arming', 'gateway'] as const)
      expect(busPermissions({ role: 'service', service }).publish).not.toContain(
        'reconcile.completed',
      );
    expect(busPermissions({ role: 'admin' }).publish).toContain('$JS.API.>');
    expect(busPermissions({ role: 'service', service: 'execution' }).publish).toContain(
      'orders.deadletter.>',
    );
    for (const service of ['reconciler', 'arming', 'gateway'] as const) {
      expect(busPermissions({ role: 'service', service }).publish).not.toContain(
        'orders.deadletter.>',
      );
      expect(busPermissions({ role: 'service', service }).publish).not.toContain(
        'orders.cancel-outcome.>',
      );
    }
    expect(busPermissions({ role: 'service', service: 'execution' }).publish).toContain(
      'orders.cancel-outcome.>',
    );
  });

  it('let execution tell of stored balances and only the gateway hear it', () => {
    expect(busPermissions({ role: 'service', service: 'execution' }).publish).toContain(
      'money.balances.*',
    );
    expect(busPermissions({ role: 'service', service: 'gateway' }).subscribe).toContain(
      'money.balances.*',
    );
    for (const service of ['reconciler', 'arming', 'gateway'] as const)
      expect(busPermissions({ role: 'service', service }).publish).not.toContain(
        'money.balances.*',
      );
    expect(busPermissions({ role: 'strategy', source: 'a' }).subscribe).not.toContain(
      'money.balances.*',
    );
  });
});

describe('bus credentials and the server config', () => {
  it('make a user per service, the administrator and each strategy, found by identity', () => {
    const users = createBusUsers({ namespace: 'ns', strategies: ['alpha'] });
    expect(users.map((u) => identityName(u.identity))).toEqual([
      'execution',
      'reconciler',
      'arming',
      'gateway',
      'admin',
      'strategy-alpha',
    ]);
    expect(new Set(users.map((u) => u.nkeySeed)).size).toBe(6);
    expect(findBusUser(users, { role: 'admin' }, 'ns').identity).toEqual({ role: 'admin' });
    expect(() => findBusUser(users, { role: 'strategy', source: 'beta' }, 'ns')).toThrow(
      'no NATS credentials for strategy-beta in namespace ns',
    );
    expect(() => findBusUser(users, { role: 'admin' })).toThrow('no NATS credentials for admin');
    expect(createBusUsers({})[0]?.namespace).toBe('');
    expect(serverUserOf(createBusUsers({})[0] as BusUser).name).toBe('execution');
    expect(inboxPrefixOf({ role: 'admin' })).toBe('_INBOX_admin');
  });

  it('writes the users as nkeys with their allow-lists, named in comments, JetStream on', () => {
    const users = createBusUsers({ namespace: 'ns', strategies: [] }).map(serverUserOf);
    const text = natsServerConfig({
      host: '127.0.0.1',
      port: 4223,
      httpPort: 8223,
      storeDir: '/data/nats',
      users,
    });
    expect(text).toContain('"listen": "127.0.0.1:4223"');
    expect(text).toContain('"http": "127.0.0.1:8223"');
    expect(text).toContain('"store_dir": "/data/nats"');
    expect(text).toContain('# arming@ns');
    expect(text).toContain('"allow_responses":true');
    const json = JSON.parse(text.replace(/^\s*#.*$/gm, '')) as {
      authorization: { users: Array<{ nkey: string }> };
    };
    expect(json.authorization.users.map((u) => u.nkey)).toEqual(users.map((u) => u.nkey));
    expect(users[0]?.nkey).toMatch(/^U[A-Z2-7]{55}$/);
    expect(natsServerConfig({ host: 'h', port: 1, storeDir: 's', users: [] })).not.toContain(
      '"http"',
    );
  });
});
