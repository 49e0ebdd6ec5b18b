import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { parseTsv } from './csv.js';
import type { Occupation, OccupationSkill, ProgressFn, Skill, SkillGroup, Taxonomy } from './model.js';

export interface ReadOnetOptions {
  /** Database release, e.g. `29.2`; read from the folder name when absent. */
  version?: string;
  onProgress?: ProgressFn;
}

const OCC = 'https://www.onetonline.org/link/summary/';
const ELEMENT = 'https://www.onetonline.org/find/descriptor/result/';
const TECH = 'https://www.onetcenter.org/dictionary/technology/';

/**
 * Reads the O*NET text database (tab-separated). Occupations come with their
 * alternate titles; Skills and Knowledge elements become skills, linked to
 * occupations by importance (IM ≥ 3.5 essential, ≥ 2.5 optional, on the 1–5
 * scale); "hot" technology examples become knowledge items under their
 * commodity class. Files that are absent are skipped.
 */
export function readOnetDir(dir: string, opts: ReadOnetOptions = {}): Taxonomy {
  const file = (f: string) => path.join(dir, f);
  if (!existsSync(file('Occupation Data.txt'))) throw new AppError('invalid_request', `${dir} is not an O*NET text database: Occupation Data.txt is missing`);
  const version = opts.version ?? /(\d+\.\d+)/.exec(path.basename(path.resolve(dir)))?.[1];
  if (!version) throw new AppError('invalid_request', `cannot tell the O*NET version from the folder name ${dir}; pass it explicitly`);
  const read = (f: string) => (existsSync(file(f)) ? parseTsv(readFileSync(file(f), 'utf8')) : []);
  const progress = (done: number) => opts.onProgress?.({ phase: 'read', done, total: 4 });

  const alt = new Map<string, string[]>();
  for (const r of read('Alternate Titles.txt')) {
    const code = r['O*NET-SOC Code']!;
    alt.set(code, [...(alt.get(code) ?? []), r['Alternate Title']!]);
  }
  const occupations: Occupation[] = read('Occupation Data.txt').map((r) => ({
    uri: OCC + r['O*NET-SOC Code'],
    label: r.Title!,
    altLabels: [...new Set(alt.get(r['O*NET-SOC Code']!) ?? [])],
    description: r.Description!,
    iscoGroup: null,
    code: r['O*NET-SOC Code']!,
  }));
  progress(1);

  const descriptions = new Map(read('Content Model Reference.txt').map((r) => [r['Element ID']!, r.Description!]));
  const skills = new Map<string, Skill>();
  const relations = new Map<string, OccupationSkill>();
  for (const [f, skillType] of [['Skills.txt', 'skill/competence'], ['Knowledge.txt', 'knowledge']] as const) {
    for (const r of read(f)) {
      if (r['Scale ID'] !== 'IM') continue;
      const uri = ELEMENT + r['Element ID'];
      if (!skills.has(uri)) {
        skills.set(uri, { uri, label: r['Element Name']!, altLabels: [], description: descriptions.get(r['Element ID']!) ?? '', skillType, reuseLevel: 'cross-sector', broader: [] });
      }
      const importance = Number(r['Data Value']);
      if (importance < 2.5) continue;
      const occupationUri = OCC + r['O*NET-SOC Code'];
      relations.set(`${occupationUri} ${uri}`, { occupationUri, skillUri: uri, relation: importance >= 3.5 ? 'essential' : 'optional' });
    }
  }
  progress(2);

  const groups = new Map<string, SkillGroup>();
  for (const r of read('Technology Skills.txt')) {
    if (r['Hot Technology'] !== 'Y') continue;
    const groupUri = TECH + r['Commodity Code'];
    if (!groups.has(groupUri)) groups.set(groupUri, { uri: groupUri, label: r['Commodity Title']!, altLabels: [], description: '', code: r['Commodity Code']!, broader: [] });
    const uri = `${TECH}${r['Commodity Code']}/${encodeURIComponent(r.Example!)}`;
    if (!skills.has(uri)) skills.set(uri, { uri, label: r.Example!, altLabels: [], description: `${r.Example} (${r['Commodity Title']})`, skillType: 'knowledge', reuseLevel: 'sector-specific', broader: [groupUri] });
    const occupationUri = OCC + r['O*NET-SOC Code'];
    relations.set(`${occupationUri} ${uri}`, { occupationUri, skillUri: uri, relation: r['In Demand'] === 'Y' ? 'essential' : 'optional' });
  }
  progress(3);
  const occupationUris = new Set(occupations.map((o) => o.uri));
  const kept = [...relations.values()].filter((r) => occupationUris.has(r.occupationUri));
  progress(4);
  return { id: `onet-${version}`, source: 'onet', version, title: `O*NET ${version} Database`, skills: [...skills.values()], groups: [...groups.values()], occupations, relations: kept };
}
