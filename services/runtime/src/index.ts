export { createLogger, type Logger, type LoggerProps } from './logger.js';
export { REDACT_PATHS } from './redact.js';
export { ConfigError, envBoolean, parseEnv } from './env.js';
export { logEnv } from './log-env.js';
export {
  loadConfigOrExit,
  startOrExit,
  stopOnSignals,
  type ProcessPort,
  type StartOrExitProps,
  type StopOnSignalsProps,
} from './process-exit.js';
export { backoffDelay, type BackoffPolicy } from './backoff.js';
export { retryUntilReady, type RetryUntilReadyProps } from './retry.js';
export { startupRetryEnv, startupRetryPolicy } from './retry-env.js';
