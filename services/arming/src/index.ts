export { createArmingService, type ArmingService, type ArmingServiceProps } from './service.js';
export { loadArmingConfig, type ArmingConfig, type ArmingRules } from './config.js';
export { systemClock, type Clock } from './clock.js';
export type { ArmingBus } from './arming-bus.js';
export { forVerifiedOperator, operatorRefusal } from './operator-check.js';
