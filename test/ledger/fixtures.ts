import { issuanceEntry, type LogEntry, sha256, statusEntry } from '../../src/ledger/index.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Fresh log entries: issuances of credentials `from`…`from+n-1`, every seventh followed by a revocation. */
export function buildEntries(n: number, from = 0): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = from; out.length < n; i++) {
    const credentialId = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    out.push(issuanceEntry({ credentialId, credentialHash: sha256(new TextEncoder().encode(`credential ${i}`)), issuer: 'did:web:provider.example', time: new Date(T0 + i * 1000) }));
    if (i % 7 === 6 && out.length < n) out.push(statusEntry({ credentialId, action: 'revoke', reason: 'issued_in_error', time: new Date(T0 + i * 1000 + 500) }));
  }
  return out;
}
