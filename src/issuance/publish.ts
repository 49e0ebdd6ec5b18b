import { eq } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type Db, schema } from '../db/index.js';
import {
  createResolver,
  type JsonObject,
  type KeyStore,
  issuerDidDocument,
  type Resolution,
  type Resolver,
  signDataIntegrity,
  type ListPurpose,
} from '../credentials/index.js';
import { issuerDid } from './issue.js';
import { statusListDocument } from './status.js';

export interface PublisherOptions {
  db: Db;
  publicUrl: string;
  keys: KeyStore;
  clock: Clock;
  /** Lifetime of a signed status list (its validUntil and cache period). */
  statusListTtlMs: number;
}

/**
 * The public artefacts of issuers hosted here: did:web documents and signed
 * status lists. Status lists are signed at most once per list change or cache
 * period, not per request.
 */
export class Publisher {
  private readonly cache = new Map<string, { at: number; version: number; doc: JsonObject }>();

  constructor(private readonly o: PublisherOptions) {}

  async issuerOf(orgId: string): Promise<string> {
    const [org] = await this.o.db.select().from(schema.organisations).where(eq(schema.organisations.id, orgId));
    if (!org) throw new AppError('not_found', 'No such issuer.');
    return issuerDid(this.o.publicUrl, org.slug);
  }

  /** The did:web document of a provider; its first key is made on first use. */
  async didDocument(slug: string): Promise<JsonObject> {
    const [org] = await this.o.db.select().from(schema.organisations).where(eq(schema.organisations.slug, slug));
    if (!org || org.kind !== 'provider') throw new AppError('not_found', `No issuer "${slug}" is hosted here.`);
    const did = issuerDid(this.o.publicUrl, slug);
    await this.o.keys.getSigner(did);
    return issuerDidDocument(this.o.keys, did);
  }

  async statusList(listId: string, purpose: ListPurpose): Promise<JsonObject> {
    const now = this.o.clock.now();
    const key = `${listId}:${purpose}`;
    const unsigned = await statusListDocument(this.o.db, {
      publicUrl: this.o.publicUrl,
      listId,
      purpose,
      issuerOf: (orgId) => this.issuerOf(orgId),
      now,
      ttlMs: this.o.statusListTtlMs,
    });
    const hit = this.cache.get(key);
    const version = unsigned.updatedAt.getTime();
    // Re-sign when the bits changed or half the lifetime has passed, so a served list is never near expiry.
    if (hit && hit.version === version && now.getTime() - hit.at < this.o.statusListTtlMs / 2) return hit.doc;
    const signer = await this.o.keys.getSigner(unsigned.credential.issuer as string);
    const doc = await signDataIntegrity(unsigned.credential, signer, { created: now });
    this.cache.set(key, { at: now.getTime(), version, doc });
    return doc;
  }

  /**
   * Resolves this platform's own DIDs and status lists from the database (no
   * HTTP round trip to ourselves) and everything else over the network with
   * the verifier's timeouts and cache.
   */
  resolver(fetchImpl: typeof globalThis.fetch = globalThis.fetch): Resolver {
    const remote = createResolver({ fetch: fetchImpl });
    const host = encodeURIComponent(new URL(this.o.publicUrl).host);
    const didPrefix = `did:web:${host}:issuers:`;
    const statusPrefix = `${this.o.publicUrl}/status/`;
    return {
      resolve: async (id: string): Promise<Resolution> => {
        try {
          if (id.startsWith(didPrefix)) return { ok: true, document: await this.didDocument(id.slice(didPrefix.length).split('#')[0]!) };
          if (id.startsWith(statusPrefix)) {
            const [listId, purpose] = id.slice(statusPrefix.length).split('#')[0]!.split('/');
            if (purpose !== 'revocation' && purpose !== 'message') return { ok: false, reason: `${id} is not a status list here` };
            return { ok: true, document: await this.statusList(listId!, purpose) };
          }
        } catch (e) {
          return e instanceof AppError && e.code === 'not_found' ? { ok: false, reason: e.message } : { ok: null, reason: (e as Error).message };
        }
        return remote.resolve(id);
      },
    };
  }
}
