export { canonize } from './canonize.js';
export { bakePng, bakeSvg, BakingError, crc32, isPng, looksLikeSvg, OB3_SVG_NAMESPACE, PNG_KEYWORD, unbake, type BakedKind, type Unbaked } from './baking.js';
export { BUNDLED_CONTEXTS, isKnownContext, OB_V3_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
export { didKeyDocument, didWebDocument, didWebForIssuer, didWebUrl, type JsonObject, type MultikeyMethod } from './did.js';
export { loadDocumentsMap } from './documents.js';
export { CredentialError, type CredentialErrorCode } from './errors.js';
export { buildOpenBadgeCredential, dateTime, hashedEmailIdentifier, signDataIntegrity, signJwt, type OpenBadgeInput, type Recipient } from './issue.js';
export { createSigner, didKeyFor, ed25519KeyFromSecret, generateEd25519Key, verifyEd25519, type Ed25519Key, type Signer } from './keys.js';
export { issuerDidDocument, MemoryKeyStore, newIssuerKey, type IssuerPublicKey, type KeyStore, type StoredIssuerKey } from './keystore.js';
export { contextLoader, createDocumentLoader, type LoaderOptions } from './loader.js';
export { isObSchemaUrl, isOpenBadge, OB_SCHEMA_URL, obSchemaErrors } from './schema.js';
export { loadMasterKey, masterKeyFromBytes, openPrivateKey, sealPrivateKey, type MasterKey, type SealedKey } from './seal.js';
export {
  createStatusBits,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  interleaveStatusBits,
  type ListPurpose,
  MIN_STATUS_LIST_LENGTH,
  setStatusBit,
  statusEntry,
  statusListCredential,
  statusMessageEntry,
  STATUS_MESSAGES,
  type StatusPurpose,
} from './status-list.js';
export { validate, type ValidationResult, type Violation } from './validate.js';
export * from './verify/index.js';
