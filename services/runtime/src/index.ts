export { createLogger, type Logger, type LoggerProps } from './logger.js';
export { REDACT_PATHS } from './redact.js';
export { ConfigError, envBoolean, parseEnv } from './env.js';
