import type { DbOrTx } from '../db/index.js';
import { getVersion, loadTaxonomy, readEscoDir } from '../taxonomy/index.js';
import type { SkillMatch } from './mapper.js';
import { escoDirKey, loadModel, type MappingModel, type ModelOptions } from './model.js';
import type { OccupationMatch } from './occupations.js';
import type { MappingProvider } from './provider.js';

export const MAX_TOP = 100;

// One model per taxonomy content and options, per process: a server builds it once.
const models = new Map<string, Promise<MappingModel>>();

function memo(key: string, make: () => Promise<MappingModel>): Promise<MappingModel> {
  let m = models.get(key);
  if (!m) {
    m = make();
    models.set(key, m);
    m.catch(() => models.delete(key));
  }
  return m;
}

/** The model for a stored release (the default one when no id). */
export async function modelForDatabase(db: DbOrTx, opts: ModelOptions & { versionId?: string } = {}): Promise<MappingModel> {
  const v = await getVersion(db, opts.versionId);
  return memo(`${v.contentHash} ${opts.cacheDir ?? ''} ${!!opts.noLearned}`, () => loadModel(v.contentHash, () => loadTaxonomy(db, v.id), opts));
}

/** The model for an ESCO CSV folder, read without a database. */
export function modelForEscoDir(dir: string, opts: ModelOptions = {}): Promise<MappingModel> {
  const key = escoDirKey(dir);
  return memo(`${key} ${opts.cacheDir ?? ''} ${!!opts.noLearned}`, () => loadModel(key, () => readEscoDir(dir), opts));
}

/**
 * Text → ranked skills with evidence. With a provider, a wider candidate list
 * (3×top, at least 30) is re-ranked by it, so it can promote skills the
 * offline ranking put below the cut; if the provider fails, the offline
 * ranking stands.
 */
export async function extractSkills(model: MappingModel, text: string, opts: { top?: number; provider?: MappingProvider; onProviderError?: (e: unknown) => void } = {}): Promise<SkillMatch[]> {
  const top = Math.min(opts.top ?? 10, MAX_TOP);
  if (!opts.provider) return model.skills.extract(text, { top });
  const wide = model.skills.extract(text, { top: Math.max(30, 3 * top) });
  try {
    const reranked = await opts.provider.rerank(text, wide);
    const byUri = new Map(wide.map((m) => [m.uri, m]));
    return reranked.slice(0, top).map((c) => ({ ...byUri.get(c.uri)!, score: c.score }));
  } catch (e) {
    opts.onProviderError?.(e);
    return wide.slice(0, top);
  }
}

export function matchOccupations(model: MappingModel, title: string, opts: { top?: number } = {}): OccupationMatch[] {
  return model.titles.match(title, { top: Math.min(opts.top ?? 10, MAX_TOP) });
}

/**
 * The matches worth acting on without a person choosing: those with evidence in
 * the text and a score at least `minRelative` of the best one. The long tail
 * of a short text (a posting, a CV line) is mostly noise.
 */
export function confidentMatches(ranked: SkillMatch[], minRelative = 0.3): SkillMatch[] {
  const floor = (ranked[0]?.score ?? 0) * minRelative;
  return ranked.filter((m) => m.evidence.length > 0 && m.score >= floor);
}

export interface DemandProfile {
  postings: number;
  /** Skills by the number of postings that ask for them. */
  skills: { uri: string; label: string; count: number; share: number }[];
}

/**
 * Skill demand over one or many job postings: a skill counts once per posting
 * in which it ranks in the top `perPosting` with evidence in the text and a
 * score at least `minRelative` (default 0.3) of that posting's best.
 */
export function demandProfile(model: MappingModel, postings: string[], opts: { perPosting?: number; top?: number; minRelative?: number } = {}): DemandProfile {
  const counts = new Map<string, { label: string; count: number }>();
  for (const text of postings) {
    for (const m of confidentMatches(model.skills.extract(text, { top: opts.perPosting ?? 15 }), opts.minRelative)) {
      const c = counts.get(m.uri) ?? { label: m.label, count: 0 };
      c.count++;
      counts.set(m.uri, c);
    }
  }
  const skills = [...counts]
    .map(([uri, c]) => ({ uri, label: c.label, count: c.count, share: Math.round((c.count / Math.max(postings.length, 1)) * 1e4) / 1e4 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, opts.top ?? 50);
  return { postings: postings.length, skills };
}
