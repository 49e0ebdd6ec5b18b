import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, index, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Transparency log (src/ledger/README.md). Entries land in `ledger_pending`
 * inside the transaction of the credential or status change they record; the
 * sequencer moves them, in batches, into `ledger_entries` with their index and
 * stores the tree nodes they complete in `ledger_nodes`.
 */
export const ledgerPending = pgTable(
  'ledger_pending',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entry: bytea('entry').notNull(),
    createdAt: createdAt(),
  },
  // The credential id hash inside the entry (bytes 11–42, entry.ts), by which the verifier asks
  // for a credential's not yet checkpointed entries: without it that is a scan of every pending
  // row and of the dead ones integration left behind (12 ms at 100,000 on PostgreSQL, bench/ledger.ts).
  (t) => [index('ledger_pending_credential_idx').on(sql`substring(${t.entry} from 11 for 32)`)],
);

/** Sequenced entries: `idx` is the leaf index, dense from 0 and never rewritten. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    idx: bigint('idx', { mode: 'number' }).primaryKey(),
    entry: bytea('entry').notNull(),
    /** SHA-256 of the credential id, copied out of the entry to find a credential's entries. */
    credentialIdHash: bytea('credential_id_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ledger_entries_credential_idx').on(t.credentialIdHash)],
);

/**
 * Every complete (perfect) subtree hash: node `idx` at `level` covers leaves
 * [idx·2^level, (idx+1)·2^level). Level 0 holds the leaf hashes. About 2n rows
 * for n entries; a proof or root reads O(log n) of them, and a level-L tile is
 * a range scan of level 8·L.
 */
export const ledgerNodes = pgTable(
  'ledger_nodes',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] }), index('ledger_nodes_leaf_hash_idx').on(t.hash).where(sql`level = 0`)],
);

/** The one row holding the integrated tree's size and root; the sequencer locks it, which makes sequencing single-writer. */
export const ledgerState = pgTable(
  'ledger_state',
  {
    id: smallint('id').primaryKey().default(1),
    size: bigint('size', { mode: 'number' }).notNull(),
    root: bytea('root').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('ledger_state_single_row', sql`${t.id} = 1`)],
);

/** Signed checkpoints (C2SP signed notes), one per published tree size. */
export const ledgerCheckpoints = pgTable('ledger_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  root: bytea('root').notNull(),
  note: text('note').notNull(),
  createdAt: createdAt(),
});
