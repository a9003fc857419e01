declare module 'vitest' {
  export interface ProvidedContext {
    /** NATS server every integration test file shares (each under its own namespace). */
    natsUrl: string;
  }
}

export {};
