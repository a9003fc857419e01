export * from './subjects.js';
export * from './streams.js';
