import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Taxonomy } from '../../src/taxonomy/index.js';

/** The shared data folder (never copied into the repo): ../shared/data beside the checkout, or MICROCRED_SHARED_DATA. */
export const SHARED_DATA = process.env.MICROCRED_SHARED_DATA ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
export const ESCO_DIR = path.join(SHARED_DATA, 'esco/v1.1.1');
export const HAVE_ESCO = existsSync(path.join(ESCO_DIR, 'skills_en.csv'));
if (!HAVE_ESCO) console.warn(`ESCO tests skipped: no ESCO export at ${ESCO_DIR} (set MICROCRED_SHARED_DATA)`);

/** ICT professionals (ISCO 251x): about a hundred occupations, enough to exercise every table quickly. */
export const ictOnly = (o: { iscoGroup: string | null }) => !!o.iscoGroup?.startsWith('251');

const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
const csv = (header: string[], rows: string[][]) => [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';

/** Writes a taxonomy in the shape of the official ESCO CSV export (quoted multi-line cells included) into a temp folder named v<version>. */
export function writeEscoLike(t: Taxonomy, version = '9.9.9'): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'esco-like-')), `v${version}`);
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'skills_en.csv'),
    csv(
      ['conceptType', 'conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels', 'description'],
      t.skills.map((s) => ['KnowledgeSkillCompetence', s.uri, s.skillType ?? '', s.reuseLevel ?? '', s.label, s.altLabels.join('\n'), s.description]),
    ),
  );
  writeFileSync(
    path.join(dir, 'occupations_en.csv'),
    csv(
      ['conceptType', 'conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels', 'description', 'code'],
      t.occupations.map((o) => ['Occupation', o.uri, o.iscoGroup ?? '', o.label, o.altLabels.join('\n'), o.description, o.code ?? '']),
    ),
  );
  writeFileSync(
    path.join(dir, 'occupationSkillRelations.csv'),
    csv(['occupationUri', 'relationType', 'skillType', 'skillUri'], t.relations.map((r) => [r.occupationUri, r.relation, 'skill/competence', r.skillUri])),
  );
  return dir;
}
