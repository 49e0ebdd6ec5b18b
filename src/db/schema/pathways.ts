import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './identity.js';

/** Where a claimed skill came from: the learner said so, or it was found in their CV. */
export const CLAIM_SOURCES = ['self', 'cv'] as const;
export type ClaimSource = (typeof CLAIM_SOURCES)[number];

/**
 * Skills a learner claims (self-declared or extracted from a CV they pasted).
 * Verified skills are not stored here: they are read from the learner's
 * credentials, so they can never be edited.
 */
export const learnerSkills = pgTable(
  'learner_skills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillUri: text('skill_uri').notNull(),
    label: text('label').notNull(),
    source: text('source', { enum: CLAIM_SOURCES }).notNull(),
    /** 1 basic … 4 expert, when the learner states it. */
    level: smallint('level'),
    /** For CV claims: the words of the CV that named the skill. */
    snippet: text('snippet'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('learner_skills_user_skill_source_idx').on(t.userId, t.skillUri, t.source),
    index('learner_skills_user_idx').on(t.userId),
    check('learner_skills_source_check', sql`${t.source} in ('self', 'cv')`),
    check('learner_skills_level_check', sql`${t.level} is null or ${t.level} between 1 and 4`),
  ],
);
