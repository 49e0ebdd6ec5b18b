import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/index.js';
import { ledgerCheckpoints, ledgerEntries, ledgerNodes, ledgerState } from '../db/schema/ledger.js';
import { signCheckpoint } from './checkpoint.js';
import { credentialIdHashOf, encodeEntry, type LogEntry } from './entry.js';
import { LedgerError } from './errors.js';
import { EMPTY_ROOT, type Hash, leafHash, toBase64, toHex } from './hash.js';
import type { CredentialLog, CredentialProofBundle } from './proofbundle.js';
import { consistencyProof, inclusionProof, type NodeId, type NodeReader, perfectNodes, rootHash } from './merkle.js';
import type { NoteSigner } from './note.js';
import { CompactRange, type StoredNode } from './range.js';
import { TILE_HEIGHT, TILE_WIDTH, tileWidthAt } from './tiles.js';

/**
 * The log in PostgreSQL. See README.md for the design: entries are appended
 * unsequenced in the caller's transaction, and `integrate` sequences them in
 * batches under the lock of the single `ledger_state` row.
 */

/**
 * Byte strings packed for one statement: their concatenation as a single
 * bytea parameter plus offset and length arrays, unpacked in SQL with
 * `unnest` and `substring`. A whole batch is a handful of bind values, and
 * the conversion to the wire format happens once, natively, for the lot.
 */
function packed(bs: readonly Uint8Array[]) {
  let at = 0;
  const offsets = bs.map((b) => ((at += b.length), at - b.length));
  return { blob: Buffer.concat(bs), offsets: `{${offsets.join(',')}}`, lengths: `{${bs.map((b) => b.length).join(',')}}` };
}

type Rows<T> = { rows: T[] };

/**
 * Records entries in the caller's transaction, so an entry exists exactly
 * when the credential or status change it records does. They get their leaf
 * index when `integrate` next runs. Returns each entry's leaf hash, by which
 * its inclusion proof can be asked for.
 */
export async function appendEntries(tx: DbOrTx, entries: readonly LogEntry[]): Promise<Hash[]> {
  const encoded = entries.map(encodeEntry);
  if (encoded.length > 0) {
    const p = packed(encoded);
    await tx.execute(sql`
      insert into ledger_pending (entry)
      select substring(${p.blob}::bytea from off + 1 for len) from unnest(${p.offsets}::int[], ${p.lengths}::int[]) as t(off, len)`);
  }
  return encoded.map(leafHash);
}

export interface TreeState {
  size: number;
  root: Hash;
}

/** The integrated tree: everything sequenced so far, published or not. */
export async function treeState(db: DbOrTx): Promise<TreeState> {
  const res = (await db.execute(sql`select size::text as size, root from ledger_state where id = 1`)) as unknown as Rows<{ size: string; root: Uint8Array }>;
  const row = res.rows[0];
  return row ? { size: Number(row.size), root: new Uint8Array(row.root) } : { size: 0, root: EMPTY_ROOT };
}

/**
 * Sequences up to `maxBatch` pending entries, oldest first: gives them the
 * next leaf indexes, stores the nodes they complete and the new root, all in
 * one transaction. Concurrent callers queue on the state row's lock, so the
 * tree has one writer at a time; a crash rolls the whole batch back, leaving
 * the entries pending for the next run.
 */
export async function integrate(db: Db, opts: { maxBatch?: number } = {}): Promise<TreeState & { added: number }> {
  const maxBatch = opts.maxBatch ?? 4096;
  return db.transaction(async (tx) => {
    await tx.insert(ledgerState).values({ id: 1, size: 0, root: EMPTY_ROOT }).onConflictDoNothing();
    const [state] = await tx.select({ size: ledgerState.size }).from(ledgerState).where(eq(ledgerState.id, 1)).for('update');
    const size = state!.size;
    const res = (await tx.execute(sql`
      delete from ledger_pending where id in (select id from ledger_pending order by id limit ${maxBatch} for update skip locked)
      returning id::text as id, entry`)) as unknown as Rows<{ id: string; entry: Uint8Array }>;
    // RETURNING has no order; ids are decimal bigints, compared as such (shorter is smaller).
    const pending = res.rows.sort((a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : 1));
    if (pending.length === 0) return { ...(await treeState(tx)), added: 0 };

    const edgeIds = perfectNodes(0, size);
    const edge = await readNodes(tx, edgeIds);
    const range = CompactRange.of(size, edgeIds.map((id, i) => ({ ...id, hash: edge[i]! })));
    const made: StoredNode[] = [];
    const credentialIds: Uint8Array[] = [];
    const entries: Uint8Array[] = [];
    for (const row of pending) {
      const bytes = new Uint8Array(row.entry);
      credentialIds.push(credentialIdHashOf(bytes));
      entries.push(bytes);
      for (const n of range.append(bytes)) made.push(n);
    }
    // One statement per table whatever the batch size (see `packed`).
    const e = packed(entries);
    await tx.execute(sql`
      insert into ledger_entries (idx, entry, credential_id_hash)
      select ${size}::bigint + o - 1, substring(${e.blob}::bytea from off + 1 for len), substring(${Buffer.concat(credentialIds)}::bytea from ((o - 1) * 32 + 1)::int for 32)
      from unnest(${e.offsets}::int[], ${e.lengths}::int[]) with ordinality as t(off, len, o)`);
    await tx.execute(sql`
      insert into ledger_nodes (level, idx, hash)
      select l, i, substring(${Buffer.concat(made.map((n) => n.hash))}::bytea from ((o - 1) * 32 + 1)::int for 32)
      from unnest(${`{${made.map((n) => n.level).join(',')}}`}::smallint[], ${`{${made.map((n) => n.index).join(',')}}`}::bigint[]) with ordinality as t(l, i, o)`);
    const root = range.root();
    await tx.update(ledgerState).set({ size: range.treeSize, root, updatedAt: new Date() }).where(eq(ledgerState.id, 1));
    return { size: range.treeSize, root, added: pending.length };
  });
}

/** Stored node hashes in the order asked; LEDGER_NODE_MISSING if the store lacks one. One indexed join, whatever the count. */
export async function readNodes(db: DbOrTx, ids: readonly NodeId[]): Promise<Hash[]> {
  if (ids.length === 0) return [];
  const levels = `{${ids.map((id) => id.level).join(',')}}`;
  const indexes = `{${ids.map((id) => id.index).join(',')}}`;
  const res = (await db.execute(sql`
    select n.level, n.idx::text as idx, n.hash from ledger_nodes n
    join unnest(${levels}::smallint[], ${indexes}::bigint[]) as q(l, i) on n.level = q.l and n.idx = q.i`)) as unknown as Rows<{ level: number; idx: string; hash: Uint8Array }>;
  const found = new Map(res.rows.map((r) => [`${r.level}/${r.idx}`, new Uint8Array(r.hash)]));
  return ids.map((id) => {
    const h = found.get(`${id.level}/${id.index}`);
    if (!h) throw new LedgerError('LEDGER_NODE_MISSING', `node ${id.index} at level ${id.level} is not stored`);
    return h;
  });
}

export const nodeReader = (db: DbOrTx): NodeReader => (ids) => readNodes(db, ids);

async function requireSizeInLog(db: DbOrTx, size: number): Promise<void> {
  const current = (await treeState(db)).size;
  if (size > current) throw new LedgerError('LEDGER_SIZE_OUT_OF_RANGE', `the log has ${current} entries, fewer than ${size}`);
}

/** MTH of the log's first `size` entries. Requires size <= the integrated size. */
export async function rootAt(db: DbOrTx, size: number): Promise<Hash> {
  await requireSizeInLog(db, size);
  return rootHash(nodeReader(db), size);
}

/**
 * Inclusion proof of a leaf, given by its hash or index, in the tree of `size`
 * entries. Requires size <= the integrated size. Two round trips: the size
 * check and leaf lookup together, then the proof's nodes.
 */
export async function proveInclusion(db: DbOrTx, leaf: Hash | number, size: number): Promise<{ index: number; proof: Hash[] }> {
  const lookup = typeof leaf === 'number' ? sql`null::bigint` : sql`(select idx from ledger_nodes where level = 0 and hash = ${leaf} order by idx limit 1)`;
  const res = (await db.execute(sql`select (select size from ledger_state where id = 1)::text as size, ${lookup}::text as idx`)) as unknown as Rows<{ size: string | null; idx: string | null }>;
  const current = Number(res.rows[0]?.size ?? 0);
  if (size > current) throw new LedgerError('LEDGER_SIZE_OUT_OF_RANGE', `the log has ${current} entries, fewer than ${size}`);
  const index = typeof leaf === 'number' ? leaf : Number(res.rows[0]?.idx ?? NaN);
  if (Number.isNaN(index)) throw new LedgerError('LEDGER_ENTRY_NOT_FOUND', `no sequenced entry has leaf hash ${toHex(leaf as Hash)}`);
  return { index, proof: await inclusionProof(nodeReader(db), index, size) };
}

/** Consistency proof between two tree sizes. Requires from <= to <= the integrated size. */
export async function proveConsistency(db: DbOrTx, from: number, to: number): Promise<Hash[]> {
  await requireSizeInLog(db, to);
  return consistencyProof(nodeReader(db), from, to);
}

export interface StoredEntry {
  index: number;
  entry: Uint8Array;
  leafHash: Hash;
}

export async function getEntry(db: DbOrTx, index: number): Promise<StoredEntry> {
  const [row] = await db.select({ entry: ledgerEntries.entry }).from(ledgerEntries).where(eq(ledgerEntries.idx, index));
  if (!row) throw new LedgerError('LEDGER_ENTRY_NOT_FOUND', `no entry has index ${index}`);
  const entry = new Uint8Array(row.entry);
  return { index, entry, leafHash: leafHash(entry) };
}

/** Every sequenced entry about a credential (its issuance and status changes), oldest first. */
export async function entriesForCredential(db: DbOrTx, credentialIdHash: Hash): Promise<StoredEntry[]> {
  const rows = await db
    .select({ idx: ledgerEntries.idx, entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.credentialIdHash, credentialIdHash))
    .orderBy(asc(ledgerEntries.idx));
  return rows.map((r) => {
    const entry = new Uint8Array(r.entry);
    return { index: r.idx, entry, leafHash: leafHash(entry) };
  });
}

function requireTile(available: number, width: number, what: string): void {
  if (width > available) throw new LedgerError('LEDGER_TILE_NOT_FOUND', `${what} has ${available} of the ${width} items asked for`);
}

/** The bytes of hash tile `level`/`index` cut to `width` hashes (C2SP tlog-tiles). */
export async function readHashTile(db: DbOrTx, level: number, index: number, width: number): Promise<Uint8Array> {
  requireTile(tileWidthAt(level, index, (await treeState(db)).size), width, `tile ${level}/${index}`);
  const first = index * TILE_WIDTH;
  const rows = await db
    .select({ hash: ledgerNodes.hash })
    .from(ledgerNodes)
    .where(and(eq(ledgerNodes.level, level * TILE_HEIGHT), gte(ledgerNodes.idx, first), lt(ledgerNodes.idx, first + width)))
    .orderBy(asc(ledgerNodes.idx));
  if (rows.length !== width) throw new LedgerError('LEDGER_NODE_MISSING', `tile ${level}/${index} is incomplete in the store`);
  return Buffer.concat(rows.map((r) => r.hash));
}

/** Entry bundle `index` cut to `width` entries: each entry prefixed by its big-endian uint16 length (C2SP tlog-tiles). */
export async function readEntryBundle(db: DbOrTx, index: number, width: number): Promise<Uint8Array> {
  requireTile(tileWidthAt(0, index, (await treeState(db)).size), width, `entry bundle ${index}`);
  const first = index * TILE_WIDTH;
  const rows = await db
    .select({ entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(and(gte(ledgerEntries.idx, first), lt(ledgerEntries.idx, first + width)))
    .orderBy(asc(ledgerEntries.idx));
  if (rows.length !== width) throw new LedgerError('LEDGER_NODE_MISSING', `entry bundle ${index} is incomplete in the store`);
  return Buffer.concat(rows.flatMap((r) => [Buffer.from([r.entry.length >> 8, r.entry.length & 0xff]), r.entry]));
}

export interface StoredCheckpoint {
  size: number;
  root: Hash;
  note: string;
}

export async function latestCheckpoint(db: DbOrTx): Promise<StoredCheckpoint | undefined> {
  const [row] = await db.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.size)).limit(1);
  return row && { size: row.size, root: new Uint8Array(row.root), note: row.note };
}

/**
 * Signs and stores a checkpoint of the integrated tree unless one of that
 * size exists. The origin is the log key's name. Ed25519 signatures are
 * deterministic, so two nodes publishing the same size store the same note.
 */
export async function publishCheckpoint(
  db: DbOrTx,
  logKey: NoteSigner,
  opts: { cosign?: (note: string) => Promise<string> } = {},
): Promise<StoredCheckpoint & { published: boolean }> {
  const { size, root } = await treeState(db);
  const latest = await latestCheckpoint(db);
  if (latest && latest.size >= size) return { ...latest, published: false };
  const signed = signCheckpoint({ origin: logKey.name, size, root, extensions: [] }, logKey);
  // Witnesses co-sign before the checkpoint is stored, so it is published with their cosignatures.
  const note = opts.cosign ? await opts.cosign(signed) : signed;
  await db.insert(ledgerCheckpoints).values({ size, root, note }).onConflictDoNothing();
  return { size, root, note, published: true };
}

/**
 * What the log records about a credential, with proofs under the latest
 * checkpoint (see proofbundle.ts). Entries not yet in that checkpoint, sequenced
 * or still pending, are listed as `pending` when `withPending` is set: only the
 * platform's own verifier, which trusts its database, uses them.
 */
export async function credentialProofBundle(db: DbOrTx, credentialIdHash: Hash, opts: { withPending?: boolean } = {}): Promise<CredentialProofBundle> {
  const cp = await latestCheckpoint(db);
  const stored = await entriesForCredential(db, credentialIdHash);
  const size = cp?.size ?? 0;
  const entries = await Promise.all(
    stored
      .filter((e) => e.index < size)
      .map(async (e) => ({ index: e.index, encoded: toBase64(e.entry), proof: (await inclusionProof(nodeReader(db), e.index, size)).map(toBase64) })),
  );
  if (!opts.withPending) return { checkpoint: cp?.note, entries };
  const res = (await db.execute(sql`select entry from ledger_pending where substring(entry from 11 for 32) = ${credentialIdHash} order by id`)) as unknown as Rows<{ entry: Uint8Array }>;
  const pending = [...stored.filter((e) => e.index >= size).map((e) => e.entry), ...res.rows.map((r) => new Uint8Array(r.entry))].map(toBase64);
  return { checkpoint: cp?.note, entries, pending };
}

/** The platform's own log, read from its database, for the verifier (`POST /api/verify`). */
export function dbCredentialLog(db: DbOrTx): CredentialLog {
  return { bundle: (h) => credentialProofBundle(db, h, { withPending: true }) };
}

/** The newest sequenced entries, newest first. */
export async function recentEntries(db: DbOrTx, limit: number): Promise<StoredEntry[]> {
  const rows = await db.select({ idx: ledgerEntries.idx, entry: ledgerEntries.entry }).from(ledgerEntries).orderBy(desc(ledgerEntries.idx)).limit(limit);
  return rows.map((r) => {
    const entry = new Uint8Array(r.entry);
    return { index: r.idx, entry, leafHash: leafHash(entry) };
  });
}

/** The entry whose leaf hash this is, if sequenced. */
export async function entryByLeafHash(db: DbOrTx, leaf: Hash): Promise<StoredEntry | undefined> {
  const res = (await db.execute(sql`select idx::text as idx from ledger_nodes where level = 0 and hash = ${leaf} order by idx limit 1`)) as unknown as Rows<{ idx: string }>;
  const idx = res.rows[0]?.idx;
  return idx === undefined ? undefined : getEntry(db, Number(idx));
}

/**
 * Asks again for the cosignatures a stored checkpoint lacks (a witness that was down when
 * it was published, or one added since) and appends the lines that come back. The lines
 * are appended in SQL, so two nodes doing this at once both keep theirs.
 */
export async function recosignCheckpoint(db: DbOrTx, size: number, cosign: (note: string) => Promise<string>): Promise<string | undefined> {
  const [row] = await db.select({ note: ledgerCheckpoints.note }).from(ledgerCheckpoints).where(eq(ledgerCheckpoints.size, size));
  if (!row) return undefined;
  const cosigned = await cosign(row.note);
  if (!cosigned.startsWith(row.note) || cosigned.length === row.note.length) return row.note;
  const added = cosigned.slice(row.note.length);
  await db.execute(sql`update ledger_checkpoints set note = note || ${added} where size = ${size}`);
  return cosigned;
}
