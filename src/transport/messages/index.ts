export * from './topics.js';
export * from './message-id.js';
export * from './envelope.js';
export * from './observation.js';
export * from './infraction.js';
export * from './device-status.js';
export * from './dead-letter.js';
export * from './parse-message.js';
