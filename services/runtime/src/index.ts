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
