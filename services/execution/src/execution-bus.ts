import type { Bus } from '@livegate/bus';

/** The part of `@livegate/bus`'s Bus the execution service uses. */
export type ExecutionBus = Pick<Bus, 'subjects' | 'streams' | 'publish' | 'consume' | 'nc'>;
