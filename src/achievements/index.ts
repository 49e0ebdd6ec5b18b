export * from './definition.js';
export * from './service.js';
