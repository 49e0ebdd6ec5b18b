import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { organisations, users } from './identity.js';

export const ROLE_STATUSES = ['draft', 'published'] as const;
export type RoleStatus = (typeof ROLE_STATUSES)[number];

/** One skill a role asks for: essential (weight 1) or optional (0.5), and in how many of its postings it appeared. */
export interface RoleSkill {
  uri: string;
  label: string;
  relation: 'essential' | 'optional';
  /** Postings that asked for it (0 when the employer added it by hand). */
  count: number;
}

/**
 * An employer's role described by skills, usually built from its job
 * postings. Published roles are targets learners can plan towards.
 */
export const employerRoles = pgTable(
  'employer_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** How many postings the skills were counted over (0: described by hand). */
    postings: integer('postings').notNull().default(0),
    skills: jsonb('skills').$type<RoleSkill[]>().notNull(),
    status: text('status', { enum: ROLE_STATUSES }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('employer_roles_org_idx').on(t.orgId), index('employer_roles_status_idx').on(t.status)],
);
