import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type DbOrTx, schema, type Tx } from '../db/index.js';
import {
  createStatusBits,
  getStatusBit,
  interleaveStatusBits,
  type JsonObject,
  type ListPurpose,
  MIN_STATUS_LIST_LENGTH,
  setStatusBit,
  statusEntry,
  statusListCredential,
  statusMessageEntry,
  type StatusPurpose,
} from '../credentials/index.js';

const { statusLists } = schema;

/**
 * A list is filled to half its size before a new one is started: random
 * indexes (so a list reveals nothing about issuance order or volume) stay
 * cheap to find, and the group a credential hides in stays large.
 */
const FILL_LIMIT = MIN_STATUS_LIST_LENGTH / 2;

export function statusListUrl(publicUrl: string, listId: string, purpose: ListPurpose): string {
  return `${publicUrl}/status/${listId}/${purpose}`;
}

/** A free random index in the organisation's current list pair, taken inside the caller's transaction. */
export async function allocateStatusIndex(tx: Tx, orgId: string): Promise<{ listId: string; index: number }> {
  return (await allocateStatusIndexes(tx, orgId, 1))[0]!;
}

/**
 * `count` free random indexes for one organisation, taken inside the caller's
 * transaction under a row lock on the list (so two transactions never pick the
 * same slot), a few queries for the lot:
 * random candidates are drawn, the taken ones asked for in one query and
 * redrawn. A list that reaches its fill limit is followed by a new one.
 */
export async function allocateStatusIndexes(tx: Tx, orgId: string, count: number): Promise<Array<{ listId: string; index: number }>> {
  const out: Array<{ listId: string; index: number }> = [];
  while (out.length < count) {
    const locked = (await tx.execute(sql`
      select id, allocated from status_lists where org_id = ${orgId} and allocated < ${FILL_LIMIT}
      order by created_at limit 1 for update`)) as unknown as { rows: { id: string; allocated: number }[] };
    let listId = locked.rows[0]?.id;
    let allocated = Number(locked.rows[0]?.allocated ?? 0);
    if (!listId) {
      const empty = createStatusBits(MIN_STATUS_LIST_LENGTH);
      const [row] = await tx
        .insert(statusLists)
        .values({ orgId, size: MIN_STATUS_LIST_LENGTH, revocationBits: empty, suspensionBits: empty })
        .returning({ id: statusLists.id });
      listId = row!.id;
      allocated = 0;
    }
    const want = Math.min(count - out.length, FILL_LIMIT - allocated);
    const chosen = new Set<number>();
    while (chosen.size < want) {
      const candidates = new Set<number>();
      while (candidates.size < want - chosen.size) {
        const index = randomInt(MIN_STATUS_LIST_LENGTH);
        if (!chosen.has(index)) candidates.add(index);
      }
      const taken = (await tx.execute(sql`
        select status_index from credentials where status_list_id = ${listId} and status_index = any(${`{${[...candidates].join(',')}}`}::int[])`)) as unknown as {
        rows: { status_index: number }[];
      };
      const busy = new Set(taken.rows.map((r) => Number(r.status_index)));
      for (const c of candidates) if (!busy.has(c)) chosen.add(c);
    }
    await tx.update(statusLists).set({ allocated: sql`${statusLists.allocated} + ${want}` }).where(eq(statusLists.id, listId));
    for (const index of chosen) out.push({ listId, index });
  }
  return out;
}

/**
 * The status entry of credentials issued before suspension: revocation only.
 * Their status stays served at `/status/<list>/revocation`.
 */
export function revocationEntry(publicUrl: string, listId: string, index: number): JsonObject {
  return statusEntry(statusListUrl(publicUrl, listId, 'revocation'), index, 'revocation');
}

/**
 * The credential's status entry. OB 3.0's JSON schema allows exactly one
 * `credentialStatus` object, so revocation and suspension share one two-bit
 * `message` entry over the list pair (docs/adr/0006-status-lists.md).
 */
export function credentialStatusEntry(publicUrl: string, listId: string, index: number): JsonObject {
  return statusMessageEntry(statusListUrl(publicUrl, listId, 'message'), index);
}

/** Whether a signed credential's status entry can show a suspension (credentials issued before it cannot). */
export function canBeSuspended(document: unknown): boolean {
  const status = (document as { credentialStatus?: unknown }).credentialStatus;
  return [status].flat().some((e) => !!e && typeof e === 'object' && (e as JsonObject).statusPurpose === 'message' && (e as JsonObject).statusSize === 2);
}

/** Sets or clears one credential's bit, inside the caller's transaction. */
export async function setStatusBitFor(tx: Tx, listId: string, index: number, purpose: StatusPurpose, value: boolean, clock: Clock): Promise<void> {
  const res = (await tx.execute(sql`select revocation_bits, suspension_bits from status_lists where id = ${listId} for update`)) as unknown as {
    rows: { revocation_bits: Uint8Array; suspension_bits: Uint8Array }[];
  };
  const row = res.rows[0];
  if (!row) throw new AppError('not_found', 'No such status list.');
  const bits = new Uint8Array(purpose === 'revocation' ? row.revocation_bits : row.suspension_bits);
  setStatusBit(bits, index, value);
  await tx
    .update(statusLists)
    .set(purpose === 'revocation' ? { revocationBits: bits, updatedAt: clock.now() } : { suspensionBits: bits, updatedAt: clock.now() })
    .where(eq(statusLists.id, listId));
}

export async function readStatusBit(db: DbOrTx, listId: string, index: number, purpose: StatusPurpose): Promise<boolean> {
  const [row] = await db.select().from(statusLists).where(eq(statusLists.id, listId));
  if (!row) throw new AppError('not_found', 'No such status list.');
  return getStatusBit(purpose === 'revocation' ? row.revocationBits : row.suspensionBits, index);
}

/** The unsigned status list credential for one list and purpose, with its issuer's org id. */
export async function statusListDocument(
  db: DbOrTx,
  opts: { publicUrl: string; listId: string; purpose: ListPurpose; issuerOf: (orgId: string) => Promise<string>; now: Date; ttlMs: number },
): Promise<{ orgId: string; credential: JsonObject; updatedAt: Date }> {
  const [row] = await db.select().from(statusLists).where(eq(statusLists.id, opts.listId));
  if (!row) throw new AppError('not_found', 'No such status list.');
  const credential = statusListCredential({
    listUrl: statusListUrl(opts.publicUrl, row.id, opts.purpose),
    issuer: await opts.issuerOf(row.orgId),
    purpose: opts.purpose,
    bits:
      opts.purpose === 'message'
        ? interleaveStatusBits(new Uint8Array(row.revocationBits), new Uint8Array(row.suspensionBits))
        : new Uint8Array(opts.purpose === 'revocation' ? row.revocationBits : row.suspensionBits),
    // Valid since the bits last changed: a verifier whose clock reads a moment earlier than ours still accepts it.
    validFrom: row.updatedAt < opts.now ? row.updatedAt : opts.now,
    validUntil: new Date(opts.now.getTime() + opts.ttlMs),
  });
  return { orgId: row.orgId, credential, updatedAt: row.updatedAt };
}

