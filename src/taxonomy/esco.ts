import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { parseCsv, splitMulti } from './csv.js';
import type { Occupation, OccupationSkill, ProgressFn, Skill, SkillGroup, SkillType, Taxonomy } from './model.js';

export interface ReadEscoOptions {
  /** Release number, e.g. `1.1.1`; read from the folder name (`v1.1.1`) when absent. */
  version?: string;
  /** Keep only these occupations, their skills and the groups above them (for tests and small installs). */
  keepOccupation?: (o: Occupation) => boolean;
  onProgress?: ProgressFn;
}

const REQUIRED = ['skills_en.csv', 'occupations_en.csv', 'occupationSkillRelations.csv'];

/**
 * Reads the official ESCO CSV export (English classification plus the
 * language-independent relations). Relations that name a URI absent from the
 * export are skipped: v1.1.1 has 67 for an occupation retired in v1.1.0.
 */
export function readEscoDir(dir: string, opts: ReadEscoOptions = {}): Taxonomy {
  for (const f of REQUIRED) {
    if (!existsSync(path.join(dir, f))) throw new AppError('invalid_request', `${dir} is not an ESCO CSV export: ${f} is missing`);
  }
  const version = opts.version ?? /v?(\d+(?:\.\d+)+)/.exec(path.basename(path.resolve(dir)))?.[1];
  if (!version) throw new AppError('invalid_request', `cannot tell the ESCO version from the folder name ${dir}; pass it explicitly`);
  const read = (f: string) => (existsSync(path.join(dir, f)) ? parseCsv(readFileSync(path.join(dir, f), 'utf8')) : []);
  const progress = (done: number) => opts.onProgress?.({ phase: 'read', done, total: 6 });

  let occupations: Occupation[] = read('occupations_en.csv').map((r) => ({
    uri: r.conceptUri!,
    label: r.preferredLabel!.trim(),
    altLabels: splitMulti(r.altLabels!),
    description: r.description!.trim(),
    iscoGroup: r.iscoGroup || null,
    code: r.code || null,
  }));
  progress(1);
  if (opts.keepOccupation) occupations = occupations.filter(opts.keepOccupation);
  const occupationUris = new Set(occupations.map((o) => o.uri));

  const broader = new Map<string, string[]>();
  for (const r of read('broaderRelationsSkillPillar.csv')) {
    const list = broader.get(r.conceptUri!) ?? [];
    list.push(r.broaderUri!);
    broader.set(r.conceptUri!, list);
  }
  progress(2);

  let skills: Skill[] = read('skills_en.csv').map((r) => ({
    uri: r.conceptUri!,
    label: r.preferredLabel!.trim(),
    altLabels: splitMulti(r.altLabels!),
    description: r.description!.trim(),
    skillType: (r.skillType === 'knowledge' || r.skillType === 'skill/competence' ? r.skillType : null) as SkillType | null,
    reuseLevel: r.reuseLevel || null,
    broader: broader.get(r.conceptUri!) ?? [],
  }));
  progress(3);
  const skillUris = new Set(skills.map((s) => s.uri));

  const relations: OccupationSkill[] = [];
  const seen = new Set<string>();
  for (const r of read('occupationSkillRelations.csv')) {
    if (!occupationUris.has(r.occupationUri!) || !skillUris.has(r.skillUri!)) continue;
    const key = `${r.occupationUri} ${r.skillUri}`;
    if (seen.has(key)) continue;
    seen.add(key);
    relations.push({ occupationUri: r.occupationUri!, skillUri: r.skillUri!, relation: r.relationType === 'essential' ? 'essential' : 'optional' });
  }
  progress(4);

  let groups: SkillGroup[] = read('skillGroups_en.csv').map((r) => ({
    uri: r.conceptUri!,
    label: r.preferredLabel!.trim(),
    altLabels: splitMulti(r.altLabels!),
    description: r.description!.trim(),
    code: r.code || null,
    broader: broader.get(r.conceptUri!) ?? [],
  }));
  progress(5);

  if (opts.keepOccupation) {
    const used = new Set(relations.map((r) => r.skillUri));
    skills = skills.filter((s) => used.has(s.uri));
    groups = closeOverBroader(groups, skills);
  }
  // Broader links must point inside the release (a subset may cut some).
  const known = new Set([...skills.map((s) => s.uri), ...groups.map((g) => g.uri)]);
  for (const x of [...skills, ...groups]) x.broader = x.broader.filter((b) => known.has(b));
  progress(6);
  return { id: `esco-${version}`, source: 'esco', version, title: `ESCO classification v${version}`, skills, groups, occupations, relations };
}

/** The groups reachable upwards from the given skills. */
function closeOverBroader(groups: SkillGroup[], skills: Skill[]): SkillGroup[] {
  const byUri = new Map(groups.map((g) => [g.uri, g]));
  const keep = new Set<string>();
  const stack = skills.flatMap((s) => s.broader);
  while (stack.length) {
    const u = stack.pop()!;
    if (keep.has(u) || !byUri.has(u)) continue;
    keep.add(u);
    stack.push(...byUri.get(u)!.broader);
  }
  return groups.filter((g) => keep.has(g.uri));
}
