export { type Checkpoint, type CheckpointPolicy, formatCheckpoint, logOrigin, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
export {
  credentialIdHash,
  credentialIdHashOf,
  decodeEntry,
  encodeEntry,
  entryToJson,
  type EntryJson,
  issuanceEntry,
  type LogEntry,
  STATUS_ACTIONS,
  STATUS_REASONS,
  type StatusAction,
  type StatusReason,
  statusEntry,
} from './entry.js';
export { LedgerError, type LedgerErrorCode } from './errors.js';
export { EMPTY_ROOT, equalHashes, type Hash, HASH_SIZE, leafHash, nodeHash, parseHash, sha256, toBase64, toHex } from './hash.js';
export { loadOrCreateLogKey, loadOrCreateWitnessKey, logVerifierFromFile } from './keyfile.js';
export { consistencyProof, inclusionProof, type NodeId, type NodeReader, rootHash, verifyConsistency, verifyInclusion } from './merkle.js';
export { checkConsistency, type ConsistencyReport, dbLogSource, httpLogSource, type LogSource } from './monitor.js';
export {
  addSignatures,
  generateNoteKey,
  type NoteKey,
  noteKeyFromSeed,
  type NoteSigner,
  type NoteVerifier,
  openNote,
  parseNote,
  parseSigningKey,
  parseVerifierKey,
  SIG_TYPE,
  signNote,
} from './note.js';
export { CompactRange } from './range.js';
export { sequenceOnce, startSequencer, type SequencerOptions } from './sequencer.js';
export {
  appendEntries,
  credentialProofBundle,
  dbCredentialLog,
  entriesForCredential,
  entryByLeafHash,
  getEntry,
  integrate,
  latestCheckpoint,
  proveConsistency,
  proveInclusion,
  publishCheckpoint,
  readEntryBundle,
  readHashTile,
  recosignCheckpoint,
  recentEntries,
  rootAt,
  type StoredCheckpoint,
  type StoredEntry,
  treeState,
  type TreeState,
} from './store.js';
export { encodeTileIndex, parseTilePath, TILE_HEIGHT, TILE_WIDTH, type TileRef, tilePath, tileWidthAt } from './tiles.js';
export {
  type AddCheckpointRequest,
  createWitness,
  fileWitnessState,
  formatAddCheckpoint,
  memoryWitnessState,
  parseAddCheckpoint,
  type Witness,
  type WitnessAnswer,
  type WitnessedState,
  type WitnessOptions,
  type WitnessRefusal,
  type WitnessStateStore,
} from './witness.js';
export { type CosignOutcome, type Cosigner, type CosignerOptions, createCosigner, parseWitnessList, type WitnessEndpoint } from './witnessing.js';
export { type CredentialLog, type CredentialProofBundle, httpCredentialLog, issuedUnder, savedCredentialLog } from './proofbundle.js';
