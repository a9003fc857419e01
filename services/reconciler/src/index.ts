export {
  createReconciler,
  type Reconciler,
  type ReconcilerBus,
  type ReconcilerProps,
} from './service.js';
export {
  loadReconcilerConfig,
  EXTERNAL_ORDER_ACTIONS,
  type ExternalOrderAction,
  type ReconcileRules,
  type ReconcilerConfig,
  type VenueSettings,
} from './config.js';
export type { ReconcileVenue, VenueName, Venues } from './venue.js';
export type { RunAsk } from './scheduler.js';
export type { RunError, RunErrorCode } from './run-error.js';
