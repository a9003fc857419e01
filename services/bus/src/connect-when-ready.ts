import { retryUntilReady, type BackoffPolicy } from '@livegate/runtime';
import { connectBus, type Bus, type ConnectBusOptions } from './bus.js';
import { isTransientBusError } from './connect-error.js';

/**
 * {@link connectBus} at a service's start-up: a late NATS is waited for with bounded backoff
 * (`policy`); a configuration error (empty URL, refused credentials, no JetStream) is thrown at once.
 */
export function connectBusWhenReady(
  options: ConnectBusOptions & { readonly policy: BackoffPolicy },
): Promise<Bus> {
  return retryUntilReady({
    what: 'NATS',
    isTransient: isTransientBusError,
    policy: options.policy,
    logger: options.logger,
    attempt: () => connectBus(options),
  });
}
