// The Drizzle schema, one file per module's tables. Migrations are generated
// from this folder (`npm run db:generate`) and committed as SQL.
export * from './identity.js';
export * from './meta.js';
export * from './achievements.js';
export * from './jobs.js';
export * from './credentials.js';
export * from './ledger.js';
export * from './taxonomy.js';
export * from './programmes.js';
export * from './wallet.js';
export * from './pathways.js';
export * from './roles.js';
