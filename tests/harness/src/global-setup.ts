import type { TestProject } from 'vitest/node';
import './provided.js';
import { hasNatsBinary, startNatsServer, waitForNats } from './nats-server.js';
import { createMigratedTemplate } from './pg-template.js';
import { resolvePostgres } from './postgres-server.js';

const NOTHING_FOUND =
  'No NATS server: set NATS_URL, put nats-server (with JetStream) on PATH, or start Docker for testcontainers.';

async function resolveNats(): Promise<{ url: string; stop: () => Promise<void> }> {
  const fromEnv = process.env.NATS_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    await waitForNats(fromEnv, 5_000);
    return { url: fromEnv, stop: async () => {} };
  }
  if (hasNatsBinary()) return startNatsServer();
  throw new Error(NOTHING_FOUND);
}

/** Vitest globalSetup for the integration tier: finds or starts the shared services once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const nats = await resolveNats();
  const postgres = await resolvePostgres(process.env.DATABASE_URL).catch(async (err: unknown) => {
    await nats.stop();
    throw err;
  });
  const template = await createMigratedTemplate(postgres.adminUrl).catch(async (err: unknown) => {
    await Promise.all([nats.stop(), postgres.stop()]);
    throw err;
  });
  project.provide('natsUrl', nats.url);
  project.provide('pgAdminUrl', postgres.adminUrl);
  project.provide('pgTemplateDb', template.name);
  project.provide('pgTestDbPrefix', template.testDbPrefix);
  return async () => {
    await template.drop();
    await Promise.all([nats.stop(), postgres.stop()]);
  };
}
