import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { eq } from 'drizzle-orm';
import { schema } from '../../db/index.js';
import {
  credentialIdHash,
  credentialProofBundle,
  decodeEntry,
  entriesForCredential,
  entryByLeafHash,
  type Hash,
  openNote,
  recentEntries,
  toHex,
  entryToJson,
  getEntry,
  latestCheckpoint,
  LedgerError,
  type LedgerErrorCode,
  parseHash,
  parseTilePath,
  proveConsistency,
  proveInclusion,
  readEntryBundle,
  readHashTile,
  STATUS_ACTIONS,
  STATUS_REASONS,
  TILE_WIDTH,
  toBase64,
} from '../../ledger/index.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { signedCredentialHash, type TransparencyLogPolicy } from '../../credentials/index.js';
import { type CredentialLog, dbCredentialLog, logOrigin, logVerifierFromFile, parseSigningKey, parseWitnessList } from '../../ledger/index.js';
import type { AppContext } from '../context.js';
import { problemResponses } from '../problem.js';

/** Ledger failures a client can cause, as API problems; anything else is a server fault. */
const CLIENT_CODES: Partial<Record<LedgerErrorCode, ErrorCode>> = {
  LEDGER_ENTRY_NOT_FOUND: 'not_found',
  LEDGER_TILE_NOT_FOUND: 'not_found',
  LEDGER_INDEX_OUT_OF_RANGE: 'invalid_request',
  LEDGER_SIZE_OUT_OF_RANGE: 'invalid_request',
  LEDGER_HASH_WRONG_LENGTH: 'invalid_request',
};

async function answer<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const code = e instanceof LedgerError ? CLIENT_CODES[e.code] : undefined;
    if (code) throw new AppError(code, e instanceof Error ? e.message : undefined, { cause: e });
    throw e;
  }
}

const Base64Hash = z.string().describe('A SHA-256 hash, base64.');
const Size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const EntrySchema = z
  .object({
    index: z.number().int(),
    leafHash: Base64Hash,
    encoded: z.string().describe('The canonical entry bytes, base64; the leaf hash is SHA-256(0x00 || these bytes).'),
    entry: z.discriminatedUnion('type', [
      z.object({ type: z.literal('issuance'), time: z.iso.datetime(), credentialIdHash: z.string(), credentialHash: z.string(), issuer: z.string() }),
      z.object({ type: z.literal('status'), time: z.iso.datetime(), credentialIdHash: z.string(), action: z.enum(STATUS_ACTIONS), reason: z.enum(STATUS_REASONS) }),
    ]),
  })
  .meta({ id: 'LogEntry' });

/**
 * The platform's own log as the verifier sees it (`POST /api/verify`, public
 * credential pages): read from the database, checkpoints checked with the log
 * key in the data folder, and LOG_WITNESS_QUORUM of the LOG_WITNESSES required.
 */
export function localTransparencyLog(ctx: AppContext): () => TransparencyLogPolicy {
  const key = logVerifierFromFile(path.join(ctx.config.dataDir, 'log.key'), logOrigin(ctx.config.publicUrl));
  const witnesses = ctx.config.logWitnesses ? parseWitnessList(ctx.config.logWitnesses).map((w) => w.verifier) : [];
  const db = ctx.database.db;
  const own = dbCredentialLog(db);
  const prefix = `${ctx.config.publicUrl}/c/`;
  const log: CredentialLog = {
    async bundle(idHash, credentialId) {
      const bundle = await own.bundle(idHash);
      // A credential issued as a JWT is logged by its JWT; its Data Integrity document, stored with it, is the same credential.
      const uuid = credentialId?.startsWith(prefix) ? credentialId.slice(prefix.length) : undefined;
      if (!uuid || !/^[0-9a-f-]{36}$/.test(uuid)) return bundle;
      const [row] = await db.select({ document: schema.credentials.document, jwt: schema.credentials.jwt }).from(schema.credentials).where(eq(schema.credentials.id, uuid));
      return row?.jwt ? { ...bundle, sameCredential: [toHex(signedCredentialHash(row.document as Record<string, never>))] } : bundle;
    },
  };
  return () => ({ log, key: key(), witnesses, quorum: ctx.config.logWitnessQuorum });
}

/**
 * The public transparency log: the checkpoint and C2SP tiles under /log (for
 * witnesses, monitors and mirrors; cacheable by a CDN) and proofs and entries
 * under /api/log. Nothing here needs a sign-in, and nothing here is trusted by
 * clients without verifying it against a signed checkpoint.
 */
export function ledgerRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['transparency log'];

  r.get(
    '/log/checkpoint',
    { schema: { tags, summary: 'The latest signed checkpoint (C2SP tlog-checkpoint, a signed note)', produces: ['text/plain'] } },
    async (_request, reply) => {
      const c = await latestCheckpoint(db);
      if (!c) throw new AppError('not_found', 'The log has published no checkpoint yet.');
      // A new checkpoint appears every few seconds while entries arrive.
      return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=2').send(c.note);
    },
  );

  r.get(
    '/log/tile/*',
    { schema: { tags, summary: 'A hash tile or entry bundle (C2SP tlog-tiles)', produces: ['application/octet-stream'] } },
    async (request, reply) => {
      const tile = await answer(async () => {
        const ref = parseTilePath(`tile/${(request.params as { '*': string })['*']}`);
        const bytes = ref.kind === 'entries' ? await readEntryBundle(db, ref.index, ref.width) : await readHashTile(db, ref.level, ref.index, ref.width);
        return { bytes, full: ref.width === TILE_WIDTH };
      });
      // A full tile never changes; a partial one is superseded as the tree grows (tlog-tiles lets logs drop it).
      const cache = tile.full ? 'public, max-age=31536000, immutable' : 'public, max-age=10';
      return reply.header('content-type', 'application/octet-stream').header('cache-control', cache).send(Buffer.from(tile.bytes));
    },
  );

  r.get(
    '/api/log/proof/inclusion',
    {
      schema: {
        tags,
        summary: 'Inclusion proof of an entry, by leaf hash or index, in the tree of a given size (RFC 9162 §2.1.3)',
        querystring: z
          .object({
            hash: z.string().optional().describe('The leaf hash, SHA-256(0x00 || entry), hex or base64.'),
            index: Size.optional(),
            size: Size.optional().describe('Tree size; the latest checkpoint when absent.'),
          })
          .refine((q) => (q.hash === undefined) !== (q.index === undefined), { message: 'Give either hash or index.' }),
        response: {
          200: z.object({ index: z.number().int(), treeSize: z.number().int(), proof: z.array(Base64Hash) }).meta({ id: 'InclusionProof' }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) =>
      answer(async () => {
        const size = request.query.size ?? (await latestCheckpoint(db))?.size ?? 0;
        const leaf = request.query.hash === undefined ? request.query.index! : parseHash(request.query.hash);
        const { index, proof } = await proveInclusion(db, leaf, size);
        return { index, treeSize: size, proof: proof.map(toBase64) };
      }),
  );

  r.get(
    '/api/log/proof/consistency',
    {
      schema: {
        tags,
        summary: 'Consistency proof between two tree sizes (RFC 9162 §2.1.4)',
        querystring: z.object({ from: Size, to: Size.optional().describe('The newer tree size; the latest checkpoint when absent.') }),
        response: {
          200: z.object({ from: z.number().int(), to: z.number().int(), proof: z.array(Base64Hash) }).meta({ id: 'ConsistencyProof' }),
          ...problemResponses(400),
        },
      },
    },
    async (request) =>
      answer(async () => {
        const to = request.query.to ?? (await latestCheckpoint(db))?.size ?? 0;
        return { from: request.query.from, to, proof: (await proveConsistency(db, request.query.from, to)).map(toBase64) };
      }),
  );

  r.get(
    '/api/log/entries/:index',
    {
      schema: {
        tags,
        summary: 'One log entry: its bytes, leaf hash and public JSON form',
        params: z.object({ index: Size }),
        response: { 200: EntrySchema, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      answer(async () => {
        const e = await getEntry(db, request.params.index);
        return { index: e.index, leafHash: toBase64(e.leafHash), encoded: toBase64(e.entry), entry: entryToJson(decodeEntry(e.entry)) };
      }),
  );

  const witnessList = ctx.config.logWitnesses ? parseWitnessList(ctx.config.logWitnesses) : [];
  const keyOf = logVerifierFromFile(path.join(ctx.config.dataDir, 'log.key'), logOrigin(ctx.config.publicUrl));
  const BundleSchema = z
    .object({
      checkpoint: z.string().optional().describe('The signed checkpoint note the proofs are under; absent before the first checkpoint.'),
      entries: z.array(z.object({ index: z.number().int(), encoded: z.string(), proof: z.array(Base64Hash) })),
    })
    .meta({ id: 'CredentialProofBundle' });

  r.get(
    '/api/log/credentials/:credentialIdHash',
    {
      schema: {
        tags,
        summary: "Everything the log records about one credential (its issuance and status changes), each with its inclusion proof under the latest checkpoint: what a verifier checks, offline if saved",
        params: z.object({ credentialIdHash: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the credential id (its URL), hex.') }),
        response: { 200: BundleSchema, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const bundle = await credentialProofBundle(db, new Uint8Array(Buffer.from(request.params.credentialIdHash, 'hex')));
      reply.header('cache-control', 'public, max-age=2');
      return { checkpoint: bundle.checkpoint, entries: bundle.entries };
    },
  );

  const entryJson = (e: { index: number; entry: Uint8Array; leafHash: Hash }) => ({
    index: e.index,
    leafHash: toBase64(e.leafHash),
    encoded: toBase64(e.entry),
    entry: entryToJson(decodeEntry(e.entry)),
  });

  r.get(
    '/api/log',
    {
      schema: {
        tags,
        summary: 'The log at a glance for the audit page: size, latest checkpoint, keys, witnesses and their cosignatures, newest entries (hashes only)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: {
          200: z
            .object({
              origin: z.string(),
              size: z.number().int(),
              checkpoint: z.string().nullable(),
              logKey: z.string().nullable().describe('The log verifier key (<name>+<id>+<key>), when known.'),
              witnesses: z.array(z.object({ name: z.string(), key: z.string(), url: z.string(), cosigned: z.boolean() })),
              quorum: z.number().int(),
              recent: z.array(EntrySchema),
            })
            .meta({ id: 'LogSummary' }),
        },
      },
    },
    async (request) => {
      const cp = await latestCheckpoint(db);
      let cosigners: string[] = [];
      if (cp && witnessList.length) {
        try {
          cosigners = openNote(cp.note, [keyOf(), ...witnessList.map((w) => w.verifier)]).verifiedBy.map((v) => v.name);
        } catch {
          cosigners = [];
        }
      }
      const logKey = keyOf();
      return {
        origin: logKey.name,
        size: cp?.size ?? 0,
        checkpoint: cp?.note ?? null,
        logKey: logVerifierKeyString(ctx),
        witnesses: witnessList.map((w) => ({ name: w.verifier.name, key: w.vkey, url: w.url, cosigned: cosigners.includes(w.verifier.name) })),
        quorum: ctx.config.logWitnessQuorum,
        recent: (await recentEntries(db, request.query.limit)).map(entryJson),
      };
    },
  );

  r.get(
    '/api/log/search',
    {
      schema: {
        tags,
        summary: "Find a credential's entries: by credential URL or id, SHA-256 of the credential id, SHA-256 of the signed credential, or an entry's leaf hash (hex or base64)",
        querystring: z.object({ q: z.string().min(1).max(2048) }),
        response: {
          200: z
            .object({
              credentialIdHash: z.string(),
              matchedBy: z.enum(['credential id', 'credential id hash', 'credential hash', 'leaf hash']),
              checkpoint: z.string().optional(),
              entries: z.array(EntrySchema.extend({ proof: z.array(Base64Hash) })),
            })
            .meta({ id: 'LogSearchResult' }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) => {
      const q = request.query.q.trim();
      const found = await findCredential(q);
      if (!found) throw new AppError('not_found', 'The log has no entry for this credential, id or hash.');
      const bundle = await credentialProofBundle(db, found.idHash);
      const proofs = new Map(bundle.entries.map((e) => [e.index, e.proof]));
      const stored = (await entriesForCredential(db, found.idHash)).filter((e) => proofs.has(e.index));
      if (stored.length === 0) throw new AppError('not_found', 'This credential is not in a published checkpoint yet; try again in a few seconds.');
      return {
        credentialIdHash: toHex(found.idHash),
        matchedBy: found.by,
        checkpoint: bundle.checkpoint,
        entries: stored.map((e) => ({ ...entryJson(e), proof: proofs.get(e.index)! })),
      };
    },
  );

  /** What a search string names: the credential's id hash, and how it was matched. */
  async function findCredential(q: string): Promise<{ idHash: Hash; by: 'credential id' | 'credential id hash' | 'credential hash' | 'leaf hash' } | undefined> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (/^(https?:|urn:)/.test(q) || uuid.test(q)) {
      const id = uuid.test(q) ? `${ctx.config.publicUrl}/c/${q.toLowerCase()}` : q;
      const idHash = credentialIdHash(id);
      return (await entriesForCredential(db, idHash)).length ? { idHash, by: 'credential id' } : undefined;
    }
    let hash: Hash;
    try {
      hash = parseHash(q);
    } catch {
      throw new AppError('invalid_request', 'Give a credential URL or id, or a SHA-256 hash (64 hex digits or base64).');
    }
    if ((await entriesForCredential(db, hash)).length) return { idHash: hash, by: 'credential id hash' };
    const leaf = await entryByLeafHash(db, hash);
    if (leaf) return { idHash: decodeEntry(leaf.entry).credentialIdHash, by: 'leaf hash' };
    const [c] = await db.select({ document: schema.credentials.document }).from(schema.credentials).where(eq(schema.credentials.contentHash, toHex(hash))).limit(1);
    const id = (c?.document as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') {
      const idHash = credentialIdHash(id);
      if ((await entriesForCredential(db, idHash)).length) return { idHash, by: 'credential hash' };
    }
    return undefined;
  }
}


/** The log verifier key string, read from the key file in the data folder when it exists. */
function logVerifierKeyString(ctx: AppContext): string | null {
  const file = path.join(ctx.config.dataDir, 'log.key');
  if (!existsSync(file)) return null;
  try {
    return parseSigningKey(readFileSync(file, 'utf8')).vkey;
  } catch {
    return null;
  }
}
