import type { RelationType, SkillType } from '../db/schema/taxonomy.js';

export type { RelationType, SkillType };

export interface Skill {
  uri: string;
  label: string;
  altLabels: string[];
  description: string;
  skillType: SkillType | null;
  reuseLevel: string | null;
  /** URIs of broader skills or groups. */
  broader: string[];
}

export interface SkillGroup {
  uri: string;
  label: string;
  altLabels: string[];
  description: string;
  code: string | null;
  broader: string[];
}

export interface Occupation {
  uri: string;
  label: string;
  altLabels: string[];
  description: string;
  iscoGroup: string | null;
  code: string | null;
}

export interface OccupationSkill {
  occupationUri: string;
  skillUri: string;
  relation: RelationType;
}

/** A whole taxonomy release in memory: what importers produce, the store saves and the mapper reads. */
export interface Taxonomy {
  /** Stable id of the release, e.g. `esco-1.1.1`. */
  id: string;
  source: string;
  version: string;
  title: string;
  skills: Skill[];
  groups: SkillGroup[];
  occupations: Occupation[];
  relations: OccupationSkill[];
}

export type ImportPhase = 'read' | 'skills' | 'groups' | 'hierarchy' | 'occupations' | 'relations';
/** Called as an import advances: `done` of `total` rows of a phase. */
export type ProgressFn = (p: { phase: ImportPhase; done: number; total: number }) => void;
