import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/core/config.js';
import { isAppError } from '../../src/core/errors.js';
import { buildState, createProvider, extractSkills, SkillMapper, TitleMatcher, type MappingModel } from '../../src/mapping/index.js';
import { demoTaxonomy } from '../../src/taxonomy/index.js';

const taxonomy = demoTaxonomy();
const model: MappingModel = { taxonomyId: taxonomy.id, skills: new SkillMapper(buildState(taxonomy, 't')), titles: TitleMatcher.fromTaxonomy(taxonomy) };
const requests: { url: string; auth?: string; body: { model: string; input?: string[]; messages?: { content: string }[] } }[] = [];
let server: Server;
let base: string;
/** The skill label the stand-in embedding endpoint finds most similar to every text. */
let favourite = '';

const body = async (req: IncomingMessage) => {
  let s = '';
  for await (const c of req) s += c;
  return JSON.parse(s);
};

beforeAll(async () => {
  // A stand-in for an OpenAI-compatible endpoint: embeddings put the label in `favourite` closest to any text; chat picks candidate 2.
  server = createServer(async (req, res) => {
    const b = await body(req);
    requests.push({ url: req.url!, auth: req.headers.authorization, body: b });
    // Never answers: the client's timeout must fire.
    if (req.url!.startsWith('/slow/')) return;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/embeddings') {
      const data = (b.input as string[]).map((t, index) => ({ index, embedding: index === 0 || t === favourite ? [1, 0] : [0, 1] }));
      res.end(JSON.stringify({ data: data.reverse() }));
    } else if (req.url === '/v1/chat/completions') {
      res.end(JSON.stringify({ choices: [{ message: { content: 'Here you go: [2, 99, 2]' } }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const TEXT = 'You will work in teams with colleagues and write SQL.';

describe('when no provider is configured', () => {
  it('stays offline', () => {
    expect(loadConfig({}).ai).toBeUndefined();
  });
  it('rejects a base URL without any model', () => {
    expect(() => loadConfig({ MICROCRED_AI_BASE_URL: base })).toThrow(ConfigError);
    expect(() => loadConfig({ MICROCRED_AI_BASE_URL: base })).toThrow(/MICROCRED_AI_EMBEDDING_MODEL nor MICROCRED_AI_CHAT_MODEL/);
  });
});

describe('when an embedding endpoint is configured', () => {
  it('sends the text and candidates with the key and re-ranks by similarity', async () => {
    const provider = createProvider(loadConfig({ MICROCRED_AI_BASE_URL: base, MICROCRED_AI_API_KEY: 'sk-test', MICROCRED_AI_EMBEDDING_MODEL: 'emb', MICROCRED_AI_WEIGHT: '0.9' }).ai!);
    const offline = await extractSkills(model, TEXT, { top: 3 });
    // The offline third becomes the provider's favourite: with weight 0.9 it must come first.
    favourite = offline[2]!.label;
    const out = await extractSkills(model, TEXT, { top: 3, provider });
    const req = requests.at(-1)!;
    expect(req).toMatchObject({ url: '/v1/embeddings', auth: 'Bearer sk-test', body: { model: 'emb' } });
    expect(req.body.input![0]).toBe(TEXT);
    expect(out[0]?.label).toBe(favourite);
    expect(offline[0]?.label).not.toBe(favourite);
    // Evidence still comes from the offline mapper and points at the text.
    for (const e of out[0]!.evidence) expect(TEXT.slice(e.start, e.end)).toBe(e.text);
  });
});

describe('when a chat endpoint is configured', () => {
  it('promotes the candidate the model picks, ignoring numbers out of range', async () => {
    const provider = createProvider(loadConfig({ MICROCRED_AI_BASE_URL: base, MICROCRED_AI_CHAT_MODEL: 'chat', MICROCRED_AI_WEIGHT: '1' }).ai!);
    const wide = await extractSkills(model, TEXT, { top: 30 });
    const out = await extractSkills(model, TEXT, { top: 3, provider });
    expect(requests.at(-1)?.url).toBe('/v1/chat/completions');
    expect(requests.at(-1)?.body.messages?.[1]?.content).toContain(`2. ${wide[1]!.label}`);
    expect(out[0]?.uri).toBe(wide[1]!.uri);
  });
});

describe('when the provider does not answer in time', () => {
  it('fails with service_unavailable, and extraction falls back to the offline ranking', async () => {
    const provider = createProvider({ baseUrl: base.replace('/v1', '/slow'), embeddingModel: 'emb', timeoutMs: 200, weight: 0.5 });
    const err = await provider.rerank(TEXT, [{ uri: 'u', label: 'l', score: 1 }]).catch((e) => e);
    expect(isAppError(err) && err.code).toBe('service_unavailable');
    const errors: unknown[] = [];
    const out = await extractSkills(model, TEXT, { top: 3, provider, onProviderError: (e) => errors.push(e) });
    expect(out).toEqual(await extractSkills(model, TEXT, { top: 3 }));
    expect(errors).toHaveLength(1);
  });
});
