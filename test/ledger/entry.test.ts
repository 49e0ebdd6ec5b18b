import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  credentialIdHash,
  decodeEntry,
  encodeEntry,
  entryToJson,
  issuanceEntry,
  LedgerError,
  type LogEntry,
  sha256,
  STATUS_ACTIONS,
  STATUS_REASONS,
  statusEntry,
} from '../../src/ledger/index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (e) {
    return e instanceof LedgerError ? e.code : 'other';
  }
};

const time = new Date('2026-03-01T12:00:00.123Z');
const credentialId = 'https://example.org/c/5b0a7a55-1f0e-4f0e-9a51-2b0c1a9b8e11';

const arbEntry: fc.Arbitrary<LogEntry> = fc.oneof(
  fc.record({
    type: fc.constant('issuance' as const),
    time: fc.date({ min: new Date(0), max: new Date('2200-01-01'), noInvalidDate: true }),
    credentialIdHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    credentialHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    issuer: fc.stringMatching(/^did:(web|key):[a-zA-Z0-9.%:_-]{1,200}$/),
  }),
  fc.record({
    type: fc.constant('status' as const),
    time: fc.date({ min: new Date(0), max: new Date('2200-01-01'), noInvalidDate: true }),
    credentialIdHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    action: fc.constantFrom(...STATUS_ACTIONS),
    reason: fc.constantFrom(...STATUS_REASONS),
  }),
);

describe('when an issuance is encoded', () => {
  const entry = issuanceEntry({ credentialId, credentialHash: sha256(new TextEncoder().encode('signed bytes')), issuer: 'did:web:example.org', time });

  it('follows the documented layout byte for byte', () => {
    const bytes = encodeEntry(entry);
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex.slice(0, 4)).toBe('0101'); // version 1, type issuance
    expect(hex.slice(4, 20)).toBe(time.getTime().toString(16).padStart(16, '0'));
    expect(hex.slice(20, 84)).toBe(Buffer.from(credentialIdHash(credentialId)).toString('hex'));
    expect(hex.slice(148, 152)).toBe('0013'); // issuer length 19
    expect(Buffer.from(bytes.subarray(76)).toString()).toBe('did:web:example.org');
    expect(bytes.length).toBe(76 + 19);
  });

  it('names the credential only by hashes and the issuer DID', () => {
    expect(entryToJson(entry)).toEqual({
      type: 'issuance',
      time: '2026-03-01T12:00:00.123Z',
      credentialIdHash: Buffer.from(sha256(new TextEncoder().encode(credentialId))).toString('hex'),
      credentialHash: Buffer.from(entry.type === 'issuance' ? entry.credentialHash : []).toString('hex'),
      issuer: 'did:web:example.org',
    });
  });
});

describe('when a status change is encoded', () => {
  it('is 44 bytes ending in the action and reason codes', () => {
    const bytes = encodeEntry(statusEntry({ credentialId, action: 'suspend', reason: 'under_review', time }));
    expect(bytes.length).toBe(44);
    expect([...bytes.subarray(42)]).toEqual([2, STATUS_REASONS.indexOf('under_review')]);
  });

  it('rejects reasons outside the code list', () => {
    expect(code(() => encodeEntry({ ...statusEntry({ credentialId, action: 'revoke', time }), reason: 'he was rude' } as unknown as LogEntry))).toBe('LEDGER_ENTRY_INVALID');
  });
});

describe('when any entry round-trips', () => {
  it('decodes to what was encoded, and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(arbEntry, (e) => {
        const bytes = encodeEntry(e);
        const back = decodeEntry(bytes);
        expect(back).toEqual({ ...e, credentialIdHash: Uint8Array.from(e.credentialIdHash), ...(e.type === 'issuance' ? { credentialHash: Uint8Array.from(e.credentialHash) } : {}) });
        expect(encodeEntry(back)).toEqual(bytes);
      }),
    );
  });

  it('rejects any other byte string, so each entry has one encoding', () => {
    fc.assert(
      fc.property(arbEntry, fc.uint8Array({ minLength: 1, maxLength: 4 }), (e, extra) => {
        const bytes = encodeEntry(e);
        expect(code(() => decodeEntry(Uint8Array.from([...bytes, ...extra])))).toBe('LEDGER_ENTRY_MALFORMED');
        expect(code(() => decodeEntry(bytes.subarray(0, bytes.length - 1)))).toBe('LEDGER_ENTRY_MALFORMED');
      }),
    );
  });
});

describe('when entry bytes are damaged', () => {
  const good = encodeEntry(statusEntry({ credentialId, action: 'revoke', time }));
  const at = (i: number, v: number) => {
    const b = Uint8Array.from(good);
    b[i] = v;
    return b;
  };

  it.each([
    ['an unknown version', at(0, 2)],
    ['an unknown type', at(1, 9)],
    ['an unknown action', at(42, 4)],
    ['an unknown reason', at(43, 200)],
    ['a time beyond 2^53 ms', at(2, 0xff)],
  ])('rejects %s', (_name, bytes) => {
    expect(code(() => decodeEntry(bytes))).toBe('LEDGER_ENTRY_MALFORMED');
  });

  it('rejects an issuer that is not a DID, and invalid UTF-8', () => {
    expect(code(() => encodeEntry(issuanceEntry({ credentialId, credentialHash: new Uint8Array(32), issuer: 'Jane Doe', time })))).toBe('LEDGER_ENTRY_INVALID');
    const bytes = encodeEntry(issuanceEntry({ credentialId, credentialHash: new Uint8Array(32), issuer: 'did:web:a', time }));
    bytes[bytes.length - 1] = 0xff;
    expect(code(() => decodeEntry(bytes))).toBe('LEDGER_ENTRY_MALFORMED');
  });
});
