import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Taxonomy } from '../taxonomy/index.js';
import { DEFAULT_PARAMS, type MapperParams, SkillMapper } from './mapper.js';
import { type LearnedTitleWeights, TitleMatcher, type TitleEntry } from './occupations.js';
import { buildState, type LearnedWeights, type MapperState } from './state.js';

/** Bumped whenever the state layout or its derivation changes, so old caches are ignored. */
const STATE_FORMAT = 4;
const WEIGHTS_FILE = 'esco-skills.json';
const TITLE_WEIGHTS_FILE = 'esco-occupations.json';

/** The skill mapper and the title matcher built from one taxonomy. */
export interface MappingModel {
  taxonomyId: string;
  skills: SkillMapper;
  titles: TitleMatcher;
}

interface Snapshot {
  taxonomyId: string;
  state: MapperState;
  titles: TitleEntry[];
}

/**
 * The committed learned weights (see scripts/train-skills-model.ts), from the source
 * tree or beside the compiled code; absent weights just switch the learned part off.
 */
export function loadLearnedWeights(): { weights?: LearnedWeights; hash: string } {
  const found = readWeightsFile(WEIGHTS_FILE);
  // An unknown format is ignored rather than misread: the mapper runs without its learned part.
  if (!found || (found.json as LearnedWeights).version !== 2) return { hash: 'none' };
  return { weights: found.json as LearnedWeights, hash: found.hash };
}

/** The committed learned title → occupation weights (scripts/train-title-model.ts), if any. */
export function loadLearnedTitleWeights(): LearnedTitleWeights | undefined {
  const found = readWeightsFile(TITLE_WEIGHTS_FILE);
  return found && (found.json as LearnedTitleWeights).version === 1 ? (found.json as LearnedTitleWeights) : undefined;
}

function readWeightsFile(name: string): { json: unknown; hash: string } | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.join(here, 'weights'), path.join(here, '../../../src/mapping/weights')]) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    try {
      return { json: JSON.parse(text), hash: createHash('sha256').update(text).digest('hex').slice(0, 16) };
    } catch {
      // A damaged file switches the learned part off rather than the mapper.
      return undefined;
    }
  }
  return undefined;
}

export interface ModelOptions {
  /** Where built state is cached; nothing is written when absent. */
  cacheDir?: string;
  params?: MapperParams;
  /** Leave the learned weights out (for baselines and ablations). */
  noLearned?: boolean;
}

/**
 * Builds (or reads from the disk cache) the mapping model for a taxonomy.
 * `contentKey` must change whenever the taxonomy content does: a stored
 * release's content hash, or `escoDirKey()` for a CSV folder. `taxonomy` is
 * only called on a cache miss, so a warm start skips reading the taxonomy.
 */
export async function loadModel(contentKey: string, taxonomy: () => Taxonomy | Promise<Taxonomy>, opts: ModelOptions = {}): Promise<MappingModel> {
  const learned = opts.noLearned ? { hash: 'off' } : loadLearnedWeights();
  const key = createHash('sha256').update(`${STATE_FORMAT} ${contentKey} ${learned.hash}`).digest('hex').slice(0, 24);
  const file = opts.cacheDir ? path.join(opts.cacheDir, `mapper-${key}.v8`) : undefined;
  let snap: Snapshot | undefined;
  if (file && existsSync(file)) {
    try {
      snap = deserialize(readFileSync(file)) as Snapshot;
    } catch {
      // A truncated or foreign file is rebuilt below.
    }
  }
  if (!snap) {
    const t = await taxonomy();
    snap = { taxonomyId: t.id, state: buildState(t, key, 'weights' in learned ? learned.weights : undefined), titles: TitleMatcher.fromTaxonomy(t).entries };
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true });
      // Write then rename: a concurrent reader never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialize(snap));
      renameSync(tmp, file);
    }
  }
  return { taxonomyId: snap.taxonomyId, skills: new SkillMapper(snap.state, opts.params ?? tunedParams('weights' in learned ? learned.weights : undefined)), titles: new TitleMatcher(snap.titles, opts.noLearned ? undefined : loadLearnedTitleWeights()) };
}

/** The default parameters with those tuned together with the learned weights (only known, finite numbers). */
export function tunedParams(weights?: LearnedWeights): MapperParams {
  const out: MapperParams = { ...DEFAULT_PARAMS };
  for (const [k, v] of Object.entries(weights?.params ?? {})) if (k in out && Number.isFinite(v)) out[k as keyof MapperParams] = v!;
  return out;
}

/** A cheap identity for an ESCO CSV folder: names, sizes and modification times of its files. */
export function escoDirKey(dir: string): string {
  const h = createHash('sha256').update(path.resolve(dir));
  for (const f of readdirSync(dir).sort()) {
    const st = statSync(path.join(dir, f));
    h.update(`${f} ${st.size} ${st.mtimeMs}\n`);
  }
  return h.digest('hex');
}
