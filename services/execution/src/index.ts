export {
  createExecutionService,
  settingsFrom,
  INTENT_DURABLE,
  MODE_DURABLE,
  type ExecutionService,
  type ExecutionServiceProps,
  type ExecutionSettings,
} from './service.js';
export {
  loadExecutionConfig,
  defaultInstanceId,
  CRASH_POINTS,
  type CrashPoint,
  type ExecutionConfig,
  type VenueSettings,
} from './config.js';
export { createCrashPoints } from './crash-points.js';
export { cleanLiveRunSince, createLiveGate, type LiveGate } from './live-gate.js';
export { DEFAULT_TIMING, type ExecutionTiming, type Venues } from './work-deps.js';
export type { KillReport, KillEntry, KillSwitch } from './kill-switch.js';
export type { ExecutionBus } from './execution-bus.js';
export {
  adapterUserStream,
  createFillFeed,
  type FillFeed,
  type FillFeedOptions,
  type UserStreamHandlers,
  type UserStreamSource,
} from './fill-feed.js';
