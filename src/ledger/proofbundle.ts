import { LedgerError } from './errors.js';
import { type Hash, toHex } from './hash.js';

/**
 * Everything needed to check, offline, what the log records about one
 * credential: a signed (and possibly co-signed) checkpoint, and each entry
 * about the credential with its inclusion proof under that checkpoint. Served
 * by `GET /api/log/credentials/<credential id hash>`, saved by `microcred log
 * bundle`, and read by the verifier's "recorded in the transparency log" check.
 * Nothing in it is trusted: the verifier checks the signatures and proofs.
 */
export interface CredentialProofBundle {
  /** The signed checkpoint note; absent only when the log has published none yet. */
  checkpoint?: string;
  /** Entries about the credential, oldest first: index, canonical bytes (base64) and inclusion proof (base64 hashes). */
  entries: { index: number; encoded: string; proof: string[] }[];
  /** Entries written but not yet sequenced (base64), reported only by the log's own database. */
  pending?: string[];
}

/** Where the verifier asks about a credential. */
export interface CredentialLog {
  /** Whether this log records credentials like this one (issued by the platform that runs it). */
  covers(credential: { id: string; issuer?: string }): boolean;
  bundle(credentialIdHash: Hash): Promise<CredentialProofBundle>;
}

/** `did:web` of a host, as microcred issuers are named (`did:web:example.org:issuers:acme`; a port is %3A-encoded). */
function didWebPrefix(url: URL): string {
  return `did:web:${url.host.replace(':', '%3A')}`;
}

/** Whether a credential was issued by the microcred instance at `baseUrl`: its id is one of that instance's credential URLs, or its issuer is one of its did:web issuers. */
export function issuedBy(baseUrl: string, credential: { id: string; issuer?: string }): boolean {
  const base = baseUrl.replace(/\/+$/, '');
  if (credential.id.startsWith(`${base}/c/`)) return true;
  const prefix = didWebPrefix(new URL(base));
  return !!credential.issuer && (credential.issuer === prefix || credential.issuer.startsWith(`${prefix}:`));
}

function checkBundle(v: unknown): CredentialProofBundle {
  const b = v as CredentialProofBundle;
  const ok =
    b &&
    typeof b === 'object' &&
    (b.checkpoint === undefined || typeof b.checkpoint === 'string') &&
    Array.isArray(b.entries) &&
    b.entries.every((e) => Number.isSafeInteger(e?.index) && typeof e.encoded === 'string' && Array.isArray(e.proof) && e.proof.every((h) => typeof h === 'string')) &&
    (b.pending === undefined || (Array.isArray(b.pending) && b.pending.every((p) => typeof p === 'string')));
  if (!ok) throw new LedgerError('LEDGER_FETCH_FAILED', 'not a credential proof bundle');
  return { checkpoint: b.checkpoint, entries: b.entries, ...(b.pending ? { pending: b.pending } : {}) };
}

/** The log of the microcred instance at `baseUrl`, over its public API. Pending entries are never taken from a remote log. */
export function httpCredentialLog(baseUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = 10_000): CredentialLog {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    covers: (c) => issuedBy(base, c),
    async bundle(idHash) {
      const url = `${base}/api/log/credentials/${toHex(idHash)}`;
      let res: Response;
      try {
        res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      } catch (cause) {
        throw new LedgerError('LEDGER_FETCH_FAILED', `cannot fetch ${url}`, { cause });
      }
      if (!res.ok) throw new LedgerError('LEDGER_FETCH_FAILED', `${url} answered HTTP ${res.status}`);
      const { pending: _ignored, ...rest } = checkBundle(await res.json());
      return rest;
    },
  };
}

/** A saved bundle (e.g. `microcred log bundle > proof.json`), for checking without any network. */
export function savedCredentialLog(bundle: unknown, covers: (c: { id: string; issuer?: string }) => boolean = () => true): CredentialLog {
  const { pending: _ignored, ...b } = checkBundle(bundle);
  return { covers, bundle: async () => b };
}
