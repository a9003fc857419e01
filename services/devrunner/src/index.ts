export { loadConfig, type DevConfig, type LoadConfigProps } from './config.js';
export {
  SERVICE_REGISTRY,
  commonEnv,
  resolveEntry,
  selectServices,
  type ServiceEntry,
  type ServiceSpec,
  type StackContext,
  type StackPorts,
} from './registry.js';
export { startStack, type RunningStack, type StartStackProps } from './stack.js';
export {
  createSupervisor,
  type ChildExit,
  type LaunchSpec,
  type Supervisor,
} from './supervisor.js';
export { createChildOutput, type LineSink } from './child-output.js';
export { DevRunnerError, type DevRunnerErrorCode } from './errors.js';
