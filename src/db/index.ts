export * from './connect.js';
export * as schema from './schema.js';
export { ORG_KINDS, ROLES, type OrgKind, type Role } from './schema.js';
