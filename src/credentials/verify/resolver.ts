import { didKeyDocument, didWebUrl, type JsonObject } from '../did.js';

/** A resolved document, or why not: `ok: false` = definitely unresolvable, `ok: null` = could not tell now. */
export type Resolution = { ok: true; document: JsonObject } | { ok: false | null; reason: string };

export interface Resolver {
  /** Resolves a DID (to its DID document) or an HTTPS URL (controller document, status list credential). */
  resolve(id: string): Promise<Resolution>;
}

export interface ResolverOptions {
  /** Local documents by URL or DID: when given, they are the only source besides did:key. */
  documents?: ReadonlyMap<string, unknown>;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  /** How long a fetched document is reused. */
  cacheTtlMs?: number;
  now?: () => number;
}

const MAX_DOCUMENT_BYTES = 1 << 20;

function asObject(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/**
 * Resolution with three sources in order: did:key (derived, offline), the local
 * documents map, then HTTPS via the injected fetch (with a timeout, caching
 * successes for `cacheTtlMs`). With a documents map nothing is fetched.
 */
export function createResolver(options: ResolverOptions = {}): Resolver {
  const timeoutMs = options.timeoutMs ?? 5000;
  const ttl = options.cacheTtlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; document: JsonObject }>();

  async function fetchJson(url: string): Promise<Resolution> {
    const hit = cache.get(url);
    if (hit && now() - hit.at < ttl) return { ok: true, document: hit.document };
    if (!url.startsWith('https://')) return { ok: false, reason: `will not fetch ${url}: only HTTPS URLs are dereferenced` };
    let response: Response;
    try {
      response = await options.fetch!(url, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/did+json, application/vc+ld+json, application/ld+json, application/json' },
        redirect: 'follow',
      });
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError';
      return { ok: null, reason: timedOut ? `${url} did not answer within ${timeoutMs} ms` : `could not fetch ${url}: ${(e as Error).message}` };
    }
    if (response.status === 404 || response.status === 410) return { ok: false, reason: `${url} answered ${response.status}: no such document` };
    if (!response.ok) return { ok: null, reason: `${url} answered HTTP ${response.status}` };
    const text = await response.text();
    if (text.length > MAX_DOCUMENT_BYTES) return { ok: false, reason: `${url} is larger than ${MAX_DOCUMENT_BYTES} bytes` };
    let document: JsonObject | undefined;
    try {
      document = asObject(JSON.parse(text));
    } catch {
      document = undefined;
    }
    if (!document) return { ok: false, reason: `${url} is not a JSON object` };
    cache.set(url, { at: now(), document });
    return { ok: true, document };
  }

  return {
    async resolve(id: string): Promise<Resolution> {
      if (id.startsWith('did:key:')) {
        try {
          return { ok: true, document: didKeyDocument(id) };
        } catch (e) {
          return { ok: false, reason: (e as Error).message };
        }
      }
      if (options.documents) {
        const local = asObject(options.documents.get(id));
        return local ? { ok: true, document: local } : { ok: false, reason: `${id} is not in the local documents map (nothing is fetched when one is given)` };
      }
      let url = id;
      if (id.startsWith('did:web:')) {
        try {
          url = didWebUrl(id);
        } catch (e) {
          return { ok: false, reason: (e as Error).message };
        }
      } else if (id.startsWith('did:')) {
        return { ok: false, reason: `DID method ${id.split(':')[1]} is not supported (did:key and did:web are)` };
      }
      if (!options.fetch) return { ok: null, reason: `cannot resolve ${id}: no network access and no local document` };
      const result = await fetchJson(url);
      if (result.ok && id.startsWith('did:') && result.document.id !== id) {
        return { ok: false, reason: `the DID document at ${url} is for ${String(result.document.id)}, not ${id}` };
      }
      return result;
    },
  };
}
