import type { DocumentLoader, RemoteDocument } from 'jsonld';
import { BUNDLED_CONTEXTS } from './contexts.js';
import { didKeyDocument, type JsonObject } from './did.js';
import { CredentialError } from './errors.js';

export interface LoaderOptions {
  /** Documents by URL or DID (controller documents, DID documents, status lists), e.g. from `--documents`. */
  documents?: ReadonlyMap<string, unknown>;
}

/** Finds the node whose `id` is `id` among a document's verification methods. */
export function findVerificationMethod(document: JsonObject, id: string): JsonObject | undefined {
  const lists = ['verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation', 'capabilityDelegation', 'publicKey'];
  for (const key of lists) {
    for (const entry of [document[key]].flat()) {
      if (entry && typeof entry === 'object' && (entry as JsonObject).id === id) return entry as JsonObject;
    }
  }
  return undefined;
}

function documentFor(url: string, documents: ReadonlyMap<string, unknown> | undefined): unknown {
  const context = BUNDLED_CONTEXTS.get(url);
  if (context) return context;
  const local = documents?.get(url);
  if (local !== undefined) return local;
  if (url.startsWith('did:key:')) return didKeyDocument(url);
  const hash = url.indexOf('#');
  if (hash > 0) {
    // A verification method URL: the node inside its controller document.
    const parent = documentFor(url.slice(0, hash), documents) as JsonObject;
    const node = findVerificationMethod(parent, url);
    if (node) return { '@context': parent['@context'], ...node };
  }
  throw new CredentialError('UNKNOWN_DOCUMENT', `document not available offline: ${url}`);
}

/**
 * A JSON-LD document loader that never touches the network: bundled contexts,
 * then the injected documents, then did:key (derived from the identifier).
 * Anything else is an error naming the URL.
 */
export function createDocumentLoader(options: LoaderOptions = {}): DocumentLoader {
  return async (url: string): Promise<RemoteDocument> => ({
    contextUrl: null,
    documentUrl: url,
    document: structuredClone(documentFor(url, options.documents)),
  });
}

/** The loader with bundled contexts only: what canonicalisation uses. */
export const contextLoader: DocumentLoader = createDocumentLoader();
