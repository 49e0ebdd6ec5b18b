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
  /**
   * Hex SHA-256 of other signed forms of the credential that the platform issued together
   * with the logged one (the Data Integrity document of a credential issued as a JWT, whose
   * JWT is what the log records). Only the platform's own database reports them.
   */
  sameCredential?: string[];
}

/** Where the verifier asks about a credential. */
export interface CredentialLog {
  /** What the log records about the credential with this id hash (its id too, for a log that can use it). */
  bundle(credentialIdHash: Hash, credentialId?: string): Promise<CredentialProofBundle>;
}

/**
 * Whether the log of origin `origin` (`<host>[/<path>]/log`, see `logOrigin`) records this
 * credential: its id is a credential URL of the platform at that host and path
 * (`http(s)://<host>[/<path>]/c/…`), or its issuer one of that platform's did:web
 * issuers (`did:web:<host, port %3A-encoded>[:<path>]:issuers:…`). The log's identity,
 * not the address it was reached at, decides.
 */
export function issuedUnder(origin: string, credential: { id: string; issuer?: string }): boolean {
  if (!origin.endsWith('/log')) return false;
  const base = origin.slice(0, -'/log'.length);
  try {
    const u = new URL(credential.id);
    if ((u.protocol === 'https:' || u.protocol === 'http:') && `${u.host}${u.pathname}`.startsWith(`${base}/c/`)) return true;
  } catch {
    // not a URL: a urn: id is not one of ours
  }
  const [host, ...path] = base.split('/');
  const did = ['did:web', encodeURIComponent(host!), ...path.map(encodeURIComponent), 'issuers'].join(':');
  return !!credential.issuer && credential.issuer.startsWith(`${did}:`);
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
  // What only the platform's own database may say is never taken from elsewhere.
  return { checkpoint: b.checkpoint, entries: b.entries };
}

/** The log of the microcred instance at `baseUrl`, over its public API. Pending entries are never taken from a remote log. */
export function httpCredentialLog(baseUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = 10_000): CredentialLog {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async bundle(idHash) {
      const url = `${base}/api/log/credentials/${toHex(idHash)}`;
      let res: Response;
      try {
        res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      } catch (cause) {
        throw new LedgerError('LEDGER_FETCH_FAILED', `cannot fetch ${url}`, { cause });
      }
      if (!res.ok) throw new LedgerError('LEDGER_FETCH_FAILED', `${url} answered HTTP ${res.status}`);
      return checkBundle(await res.json());
    },
  };
}

/** A saved bundle (from `GET /api/log/credentials/<id hash>`), for checking without any network. */
export function savedCredentialLog(bundle: unknown): CredentialLog {
  const b = checkBundle(bundle);
  return { bundle: async () => b };
}
