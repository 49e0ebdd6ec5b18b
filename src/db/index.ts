export * from './connect.js';
export * as schema from './schema/index.js';
export { ORG_KINDS, ROLES, ACHIEVEMENT_STATUSES, type OrgKind, type Role, type AchievementStatus } from './schema/index.js';
export {
  PROGRAMME_STATUSES,
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  type ProgrammeStatus,
  type CommitmentKind,
  type CommitmentStatus,
} from './schema/programmes.js';
export { scratchDatabase } from './scratch.js';
