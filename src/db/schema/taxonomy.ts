import { sql } from 'drizzle-orm';
import { check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const SKILL_TYPES = ['knowledge', 'skill/competence'] as const;
export type SkillType = (typeof SKILL_TYPES)[number];
export const SKILL_KINDS = ['skill', 'group'] as const;
export const RELATION_TYPES = ['essential', 'optional'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * One imported taxonomy release (e.g. `esco-1.1.1`, `demo-1`). Versions coexist:
 * every row below is keyed by its version, so credentials keep the URIs they were
 * issued with after a newer release is imported.
 */
export const taxonomyVersions = pgTable('taxonomy_versions', {
  id: text('id').primaryKey(),
  source: text('source').notNull(),
  version: text('version').notNull(),
  title: text('title').notNull(),
  /** SHA-256 of the imported content; a re-import with the same hash is a no-op. */
  contentHash: text('content_hash').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Skills and skill groups (ESCO puts both in one pillar); `kind` tells them apart. */
export const taxonomySkills = pgTable(
  'taxonomy_skills',
  {
    versionId: text('version_id')
      .notNull()
      .references(() => taxonomyVersions.id, { onDelete: 'cascade' }),
    uri: text('uri').notNull(),
    kind: text('kind', { enum: SKILL_KINDS }).notNull(),
    label: text('label').notNull(),
    altLabels: jsonb('alt_labels').$type<string[]>().notNull().default([]),
    description: text('description').notNull().default(''),
    skillType: text('skill_type', { enum: SKILL_TYPES }),
    reuseLevel: text('reuse_level'),
    code: text('code'),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.uri] }),
    check('taxonomy_skills_kind_check', sql`${t.kind} in ('skill', 'group')`),
  ],
);

/** The hierarchy: skill → broader skill or group, group → group. */
export const taxonomySkillBroader = pgTable(
  'taxonomy_skill_broader',
  {
    versionId: text('version_id').notNull(),
    uri: text('uri').notNull(),
    broaderUri: text('broader_uri').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.uri, t.broaderUri] }),
    foreignKey({ columns: [t.versionId, t.uri], foreignColumns: [taxonomySkills.versionId, taxonomySkills.uri] }).onDelete('cascade'),
  ],
);

export const taxonomyOccupations = pgTable(
  'taxonomy_occupations',
  {
    versionId: text('version_id')
      .notNull()
      .references(() => taxonomyVersions.id, { onDelete: 'cascade' }),
    uri: text('uri').notNull(),
    label: text('label').notNull(),
    altLabels: jsonb('alt_labels').$type<string[]>().notNull().default([]),
    description: text('description').notNull().default(''),
    /** 4-digit ISCO-08 unit group, when the source gives one. */
    iscoGroup: text('isco_group'),
    code: text('code'),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.uri] }), index('taxonomy_occupations_isco_idx').on(t.versionId, t.iscoGroup)],
);

export const taxonomyOccupationSkills = pgTable(
  'taxonomy_occupation_skills',
  {
    versionId: text('version_id').notNull(),
    occupationUri: text('occupation_uri').notNull(),
    skillUri: text('skill_uri').notNull(),
    relation: text('relation', { enum: RELATION_TYPES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.occupationUri, t.skillUri] }),
    foreignKey({ columns: [t.versionId, t.occupationUri], foreignColumns: [taxonomyOccupations.versionId, taxonomyOccupations.uri] }).onDelete('cascade'),
    foreignKey({ columns: [t.versionId, t.skillUri], foreignColumns: [taxonomySkills.versionId, taxonomySkills.uri] }).onDelete('cascade'),
    index('taxonomy_occupation_skills_skill_idx').on(t.versionId, t.skillUri),
    check('taxonomy_occupation_skills_relation_check', sql`${t.relation} in ('essential', 'optional')`),
  ],
);
