declare module 'vitest' {
  export interface ProvidedContext {
    /** NATS server every integration test file shares (each under its own namespace). */
    natsUrl: string;
    /** A Postgres URL allowed to CREATE/DROP DATABASE (its own database is only used to connect). */
    pgAdminUrl: string;
    /** This run's migrated template database; `createTestDatabase()` clones it. */
    pgTemplateDb: string;
    /** Name prefix of this run's per-test databases; teardown drops whatever still carries it. */
    pgTestDbPrefix: string;
  }
}

export {};
