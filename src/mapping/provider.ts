import type { AiConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';

/** A candidate the offline mapper proposes, handed to a provider to re-rank. */
export interface Candidate {
  uri: string;
  label: string;
  score: number;
}

/**
 * An operator-configured model that re-ranks the offline candidates or adds
 * labels of its own. Implementations must not throw on a bad answer from the
 * model; the caller falls back to the offline ranking on error.
 */
export interface MappingProvider {
  readonly name: string;
  rerank(text: string, candidates: Candidate[]): Promise<Candidate[]>;
}

/** The provider's settings: the parsed MICROCRED_AI_* variables (`Config.ai`, src/core/config.ts). */
export type ProviderConfig = AiConfig;

export function createProvider(c: ProviderConfig): MappingProvider {
  return c.embeddingModel ? new EmbeddingProvider(c) : new ChatProvider(c);
}

async function post(c: ProviderConfig, route: string, body: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${c.baseUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(c.timeoutMs),
    });
  } catch (e) {
    throw new AppError('service_unavailable', `the AI provider at ${c.baseUrl} did not answer: ${(e as Error).message}`, { cause: e });
  }
  if (!res.ok) throw new AppError('service_unavailable', `the AI provider answered HTTP ${res.status} on ${route}`);
  return res.json();
}

/** Mixes offline and provider scores after scaling both to 0–1 over the candidates. */
function blend(candidates: Candidate[], providerScore: (c: Candidate, i: number) => number, weight: number): Candidate[] {
  const max = Math.max(...candidates.map((c) => c.score), 1e-9);
  return candidates
    .map((c, i) => ({ ...c, score: Math.round(((1 - weight) * (c.score / max) + weight * providerScore(c, i)) * 1e4) / 1e4 }))
    .sort((a, b) => b.score - a.score || a.uri.localeCompare(b.uri));
}

export class EmbeddingProvider implements MappingProvider {
  readonly name = 'embedding';
  constructor(private readonly c: ProviderConfig) {}

  async rerank(text: string, candidates: Candidate[]): Promise<Candidate[]> {
    if (!candidates.length) return candidates;
    const answer = (await post(this.c, '/embeddings', { model: this.c.embeddingModel, input: [text, ...candidates.map((c) => c.label)] })) as { data?: { index: number; embedding: number[] }[] };
    const vectors = [...(answer.data ?? [])].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    if (vectors.length !== candidates.length + 1 || vectors.some((v) => !Array.isArray(v))) throw new AppError('service_unavailable', 'the AI provider sent a malformed embeddings answer');
    const [q, ...rest] = vectors as [number[], ...number[][]];
    return blend(candidates, (_, i) => Math.max(0, cosine(q, rest[i]!)), this.c.weight);
  }
}

export class ChatProvider implements MappingProvider {
  readonly name = 'chat';
  constructor(private readonly c: ProviderConfig) {}

  async rerank(text: string, candidates: Candidate[]): Promise<Candidate[]> {
    if (!candidates.length) return candidates;
    const list = candidates.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
    const answer = (await post(this.c, '/chat/completions', {
      model: this.c.chatModel,
      temperature: 0,
      messages: [
        { role: 'system', content: 'You map texts to skills. Answer only with a JSON array of the numbers of the listed skills the text expresses, most relevant first.' },
        { role: 'user', content: `Text:\n${text}\n\nSkills:\n${list}` },
      ],
    })) as { choices?: { message?: { content?: string } }[] };
    const picked = parsePicks(answer.choices?.[0]?.message?.content ?? '', candidates.length);
    const rank = new Map(picked.map((n, r) => [n - 1, r]));
    return blend(candidates, (_, i) => (rank.has(i) ? 1 - rank.get(i)! / (picked.length + 1) : 0), this.c.weight);
  }
}

/** The numbers in the model's JSON array answer, valid and de-duplicated; [] when unreadable. */
export function parsePicks(content: string, n: number): number[] {
  const m = /\[[\s\S]*?\]/.exec(content);
  if (!m) return [];
  try {
    const arr = JSON.parse(m[0]) as unknown[];
    return [...new Set(arr.map(Number).filter((x) => Number.isInteger(x) && x >= 1 && x <= n))];
  } catch {
    return [];
  }
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return dot / (Math.sqrt(na * nb) || 1);
}
