/**
 * Errors of the transparency log. Each failure a verifier or the store can
 * meet has its own code, so a caller can tell *why* a proof or note was
 * rejected (transparency-dev/merkle only types a root mismatch).
 */
export type LedgerErrorCode =
  /** A leaf index is not below the tree size. */
  | 'LEDGER_INDEX_OUT_OF_RANGE'
  /** A tree size is negative, beyond the log, or a consistency pair is out of order. */
  | 'LEDGER_SIZE_OUT_OF_RANGE'
  /** A proof has more or fewer hashes than the sizes call for. */
  | 'LEDGER_PROOF_WRONG_LENGTH'
  /** A hash is not 32 bytes. */
  | 'LEDGER_HASH_WRONG_LENGTH'
  /** A proof recomputes a root different from the one given. */
  | 'LEDGER_ROOT_MISMATCH'
  /** A later checkpoint has a smaller tree: the log was truncated or rolled back. */
  | 'LEDGER_TREE_SHRANK'
  /** Two checkpoints name different logs. */
  | 'LEDGER_ORIGIN_MISMATCH'
  /** An entry's bytes do not follow the canonical encoding. */
  | 'LEDGER_ENTRY_MALFORMED'
  /** An entry cannot be built from the values given. */
  | 'LEDGER_ENTRY_INVALID'
  /** A signed note or checkpoint is not well-formed. */
  | 'LEDGER_NOTE_MALFORMED'
  /** A signature from a known key does not verify, or no known key signed. */
  | 'LEDGER_NOTE_UNVERIFIED'
  /** Fewer witnesses co-signed than the policy requires. */
  | 'LEDGER_WITNESS_QUORUM'
  /** A signing or verifier key string is not valid. */
  | 'LEDGER_KEY_INVALID'
  /** A tile path is not in the C2SP tlog-tiles form, or names a tile the tree does not have. */
  | 'LEDGER_TILE_NOT_FOUND'
  /** No entry with this leaf hash or index has been sequenced. */
  | 'LEDGER_ENTRY_NOT_FOUND'
  /** The store lacks a node hash the tree size implies: storage is damaged. */
  | 'LEDGER_NODE_MISSING'
  /** The log's public endpoint answered something unexpected. */
  | 'LEDGER_FETCH_FAILED';

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LedgerError';
  }
}
