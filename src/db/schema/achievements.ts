import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { organisations, users } from './identity.js';

export const ACHIEVEMENT_STATUSES = ['draft', 'published', 'archived'] as const;
export type AchievementStatus = (typeof ACHIEVEMENT_STATUSES)[number];

/** A provider's micro-credential; its content lives in immutable versions. */
export const achievements = pgTable(
  'achievements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ACHIEVEMENT_STATUSES }).notNull().default('draft'),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('achievements_org_idx').on(t.orgId),
    check('achievements_status_check', sql`${t.status} in ('draft', 'published', 'archived')`),
  ],
);

/** Each edit adds a version; an issued credential names the version it was issued under. */
export const achievementVersions = pgTable(
  'achievement_versions',
  {
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.achievementId, t.version] })],
);
