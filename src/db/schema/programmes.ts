import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { achievements } from './achievements.js';
import { organisations, users } from './identity.js';

export const PROGRAMME_STATUSES = ['draft', 'published', 'retired'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

/**
 * A programme: rules over achievements that, once a learner meets them, earn
 * the programme credential. Its content lives in immutable versions; the
 * credential is issued by the lead owner under the backing achievement.
 */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The owner that issues the programme credential. */
    leadOrgId: uuid('lead_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    status: text('status', { enum: PROGRAMME_STATUSES }).notNull().default('draft'),
    currentVersion: integer('current_version').notNull().default(1),
    /** The lead owner's achievement the programme credential is issued under (made on first publish). */
    achievementId: uuid('achievement_id').references(() => achievements.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('programmes_lead_idx').on(t.leadOrgId),
    check('programmes_status_check', sql`${t.status} in ('draft', 'published', 'retired')`),
  ],
);

/** The provider organisations that own a programme together (the lead included). */
export const programmeOwners = pgTable(
  'programme_owners',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.orgId] }), index('programme_owners_org_idx').on(t.orgId)],
);

export const programmeVersions = pgTable(
  'programme_versions',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.version] })],
);

export const COMMITMENT_KINDS = ['guaranteed_interview', 'scholarship', 'credit_recognition', 'other'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export const COMMITMENT_STATUSES = ['requested', 'confirmed', 'declined', 'withdrawn'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/**
 * What a partner organisation commits to for the programme's graduates. An
 * owner requests it; only a member of the partner organisation confirms it.
 */
export const programmeCommitments = pgTable(
  'programme_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    partnerOrgId: uuid('partner_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: COMMITMENT_KINDS }).notNull(),
    description: text('description').notNull(),
    /** For credit recognition: the degree and the credits it grants. */
    degree: text('degree'),
    ects: doublePrecision('ects'),
    status: text('status', { enum: COMMITMENT_STATUSES }).notNull().default('requested'),
    requestedByOrgId: uuid('requested_by_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('programme_commitments_programme_idx').on(t.programmeId),
    index('programme_commitments_partner_idx').on(t.partnerOrgId),
    check('programme_commitments_kind_check', sql`${t.kind} in ('guaranteed_interview', 'scholarship', 'credit_recognition', 'other')`),
    check('programme_commitments_status_check', sql`${t.status} in ('requested', 'confirmed', 'declined', 'withdrawn')`),
  ],
);

/**
 * An institution's recognition agreement: a programme or an achievement counts
 * for N ECTS toward a named degree, within validity dates.
 */
export const recognitionAgreements = pgTable(
  'recognition_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionOrgId: uuid('institution_org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    degree: text('degree').notNull(),
    programmeId: uuid('programme_id').references(() => programmes.id, { onDelete: 'cascade' }),
    achievementId: uuid('achievement_id').references(() => achievements.id, { onDelete: 'cascade' }),
    ects: doublePrecision('ects').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    note: text('note'),
    /** The commitment this agreement came from, when a partner confirmed credit recognition. */
    commitmentId: uuid('commitment_id').references(() => programmeCommitments.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('recognition_agreements_institution_idx').on(t.institutionOrgId),
    check('recognition_agreements_target_check', sql`(${t.programmeId} is null) <> (${t.achievementId} is null)`),
    check('recognition_agreements_ects_check', sql`${t.ects} > 0`),
  ],
);
