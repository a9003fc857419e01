export { freePort } from './free-port.js';
export { useNats, type TestNats } from './use-nats.js';
export { startTrustedNats, type TrustedNats, type TrustedNatsOptions } from './trusted-nats.js';
export {
  startNatsServer,
  waitForNats,
  hasNatsBinary,
  type StartedNats,
  type StartNatsOptions,
} from './nats-server.js';
export {
  consumerBacklog,
  readStream,
  streamMessageCount,
  type StreamRecord,
} from './read-stream.js';
export {
  createTestDatabase,
  type CreateTestDatabaseOptions,
  type TestDatabase,
} from './create-test-database.js';
