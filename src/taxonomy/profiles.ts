import { AppError } from '../core/errors.js';
import type { Occupation, RelationType, Taxonomy } from './model.js';

export interface OccupationProfile {
  occupation: Occupation;
  /** Required skills, heaviest first: essential weigh 1, optional 0.5. */
  skills: { uri: string; label: string; relation: RelationType; weight: number }[];
}

export const RELATION_WEIGHT: Record<RelationType, number> = { essential: 1, optional: 0.5 };

/** Finds an occupation by full URI or by its last path segment (ESCO's UUID). */
export function findOccupation(t: Taxonomy, id: string): Occupation {
  const o = t.occupations.find((x) => x.uri === id) ?? t.occupations.find((x) => x.uri.endsWith(`/${id}`) || x.uri.endsWith(`:${id}`));
  if (!o) throw new AppError('not_found', `no occupation ${id} in ${t.id}`);
  return o;
}

export function occupationProfile(t: Taxonomy, id: string): OccupationProfile {
  const occupation = findOccupation(t, id);
  const labels = new Map(t.skills.map((s) => [s.uri, s.label]));
  const skills = t.relations
    .filter((r) => r.occupationUri === occupation.uri && labels.has(r.skillUri))
    .map((r) => ({ uri: r.skillUri, label: labels.get(r.skillUri)!, relation: r.relation, weight: RELATION_WEIGHT[r.relation] }))
    .sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label));
  return { occupation, skills };
}
