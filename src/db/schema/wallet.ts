import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { credentials } from './credentials.js';
import { users } from './identity.js';

/** How a share link shows the learner's name. */
export const NAME_DISPLAYS = ['full', 'initials', 'hidden'] as const;
export type NameDisplay = (typeof NAME_DISPLAYS)[number];

/**
 * A link a learner hands out to show one credential: an unguessable token,
 * how the name is shown, an optional expiry. Revoking keeps the row (the
 * learner sees what they withdrew); a revoked or expired link answers 410.
 */
export const credentialShares = pgTable(
  'credential_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 128 random bits, base64url: the public part of the link. */
    token: text('token').notNull(),
    credentialId: uuid('credential_id')
      .notNull()
      .references(() => credentials.id, { onDelete: 'cascade' }),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    nameDisplay: text('name_display', { enum: NAME_DISPLAYS }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    viewCount: integer('view_count').notNull().default(0),
    lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('credential_shares_token_idx').on(t.token),
    index('credential_shares_learner_idx').on(t.learnerId, t.credentialId),
    check('credential_shares_name_display_check', sql`${t.nameDisplay} in ('full', 'initials', 'hidden')`),
  ],
);
