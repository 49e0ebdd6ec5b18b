import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Credentials from other issuers that a learner imported after they verified
 * and were shown to be about this learner. Their aligned skills count as
 * verified evidence, as long as they stay valid.
 */
export const importedCredentials = pgTable(
  'imported_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the credential as given: one import per credential and learner. */
    contentHash: text('content_hash').notNull(),
    /** The credential as given: JSON-LD text or a compact JWT. */
    original: text('original').notNull(),
    issuerId: text('issuer_id').notNull(),
    issuerName: text('issuer_name').notNull(),
    achievementName: text('achievement_name').notNull(),
    skills: jsonb('skills').$type<{ uri: string; label: string }[]>().notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('imported_credentials_user_hash_idx').on(t.userId, t.contentHash)],
);
