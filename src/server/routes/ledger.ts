import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../core/errors.js';
import {
  decodeEntry,
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
}

