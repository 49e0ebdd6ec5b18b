export * from './accounts.js';
export * from './organisations.js';
export * from './sessions.js';
export * from './api-keys.js';
export * from './actor.js';
export * from './policy.js';
export { API_KEY_SCOPES, SCOPES, type Scope } from './scopes.js';
export { MIN_PASSWORD_LENGTH } from './passwords.js';
