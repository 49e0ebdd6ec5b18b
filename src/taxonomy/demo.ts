import type { DbOrTx } from '../db/index.js';
import { DEMO_GROUPS, DEMO_OCCUPATIONS } from './demo-data.js';
import type { Taxonomy } from './model.js';
import { saveTaxonomy, type SaveResult } from './store.js';

export const DEMO_TAXONOMY_ID = 'demo-1';
const BASE = 'urn:microcred:taxonomy:demo-1';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/\+/g, 'p')
    .replace(/#/g, 'sharp')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

let demoLabels: Set<string> | undefined;
/** The URI of a demo skill by its preferred label; throws for a label the demo taxonomy does not have. */
export function demoSkillUri(label: string): string {
  demoLabels ??= new Set(DEMO_GROUPS.flatMap((g) => g.skills.map(([l]) => l)));
  if (!demoLabels.has(label)) throw new Error(`demo taxonomy: unknown skill "${label}"`);
  return `${BASE}:skill:${slug(label)}`;
}

/** The built-in taxonomy as an in-memory release; throws if an occupation names an unknown skill. */
export function demoTaxonomy(): Taxonomy {
  const skills = DEMO_GROUPS.flatMap((g) =>
    g.skills.map(([label, alt, description, type]) => ({
      uri: `${BASE}:skill:${slug(label)}`,
      label,
      altLabels: alt.split(';').map((a) => a.trim()).filter(Boolean),
      description,
      skillType: type === 'k' ? ('knowledge' as const) : ('skill/competence' as const),
      reuseLevel: null,
      broader: [`${BASE}:group:${g.slug}`],
    })),
  );
  const byLabel = new Map(skills.map((s) => [s.label, s.uri]));
  const uriOf = (label: string) => {
    const uri = byLabel.get(label);
    if (!uri) throw new Error(`demo taxonomy: unknown skill "${label}"`);
    return uri;
  };
  const occupations = DEMO_OCCUPATIONS.map(([label, alt, description, isco]) => ({
    uri: `${BASE}:occupation:${slug(label)}`,
    label,
    altLabels: alt.split(';').map((a) => a.trim()).filter(Boolean),
    description,
    iscoGroup: isco,
    code: null,
  }));
  const relations = DEMO_OCCUPATIONS.flatMap(([, , , , essential, optional], i) => [
    ...essential.map((s) => ({ occupationUri: occupations[i]!.uri, skillUri: uriOf(s), relation: 'essential' as const })),
    ...optional.filter((s) => !essential.includes(s)).map((s) => ({ occupationUri: occupations[i]!.uri, skillUri: uriOf(s), relation: 'optional' as const })),
  ]);
  return {
    id: DEMO_TAXONOMY_ID,
    source: 'demo',
    version: '1',
    title: 'microcred demo taxonomy',
    skills,
    groups: DEMO_GROUPS.map((g) => ({ uri: `${BASE}:group:${g.slug}`, label: g.label, altLabels: [], description: g.description, code: null, broader: [] })),
    occupations,
    relations,
  };
}

/** Stores the demo taxonomy unless it is already there; safe to call at every start. */
export function ensureDemoTaxonomy(db: DbOrTx): Promise<SaveResult> {
  return saveTaxonomy(db, demoTaxonomy());
}
