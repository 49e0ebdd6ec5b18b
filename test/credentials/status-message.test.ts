import { describe, expect, it } from 'vitest';
import { createStatusBits, interleaveStatusBits, type JsonObject, setStatusBit, statusListCredential, statusMessageEntry, getStatusBit } from '../../src/credentials/index.js';
import { checkStatus } from '../../src/credentials/verify/status.js';

const LIST = 'https://issuer.example/status/1/message';
const ISSUER = 'did:example:issuer';

/** Checks one credential whose status entry is `entry` against a two-bit list built from (revoked, suspended) bits. */
async function statusOf(entry: JsonObject, set: { revoked?: number[]; suspended?: number[] }) {
  const revocation = createStatusBits();
  const suspension = createStatusBits();
  for (const i of set.revoked ?? []) setStatusBit(revocation, i, true);
  for (const i of set.suspended ?? []) setStatusBit(suspension, i, true);
  const list = statusListCredential({ listUrl: LIST, issuer: ISSUER, purpose: 'message', bits: interleaveStatusBits(revocation, suspension), validFrom: new Date('2026-01-01T00:00:00Z') });
  return checkStatus(
    { credentialStatus: entry },
    {
      resolver: { resolve: async (id) => (id === LIST ? { ok: true, document: list } : { ok: false, reason: `${id} unknown` }) },
      verifyList: async () => ({ verified: true, format: 'di-credential', checks: [] }),
    },
  );
}

describe('two-bit message status entries (revoked, suspended)', () => {
  it('interleaves the revocation and suspension lists entry by entry, first bit revoked', () => {
    const r = createStatusBits();
    const s = createStatusBits();
    setStatusBit(r, 5, true);
    setStatusBit(s, 5, true);
    setStatusBit(s, 131_071, true);
    const both = interleaveStatusBits(r, s);
    expect(both.length).toBe(2 * r.length);
    expect([getStatusBit(both, 10), getStatusBit(both, 11)]).toEqual([true, true]);
    expect([getStatusBit(both, 2 * 131_071), getStatusBit(both, 2 * 131_071 + 1)]).toEqual([false, true]);
    expect([getStatusBit(both, 12), getStatusBit(both, 13)]).toEqual([false, false]);
  });

  it('passes at 0x0, and fails naming suspension at 0x1 and revocation at 0x2 and 0x3', async () => {
    const entry = statusMessageEntry(LIST, 42);
    expect(await statusOf(entry, {})).toMatchObject({ ok: true, reason: expect.stringMatching(/^valid \(status message 0x0 at index 42/) });
    expect(await statusOf(entry, { suspended: [42] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^suspended \(status message 0x1/) });
    expect(await statusOf(entry, { revoked: [42] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^revoked \(status message 0x2/) });
    expect(await statusOf(entry, { revoked: [42], suspended: [42] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^revoked \(status message 0x3/) });
    // Neighbours do not leak into each other.
    expect(await statusOf(entry, { revoked: [41, 43], suspended: [41, 43] })).toMatchObject({ ok: true });
  });

  it('reports another issuer’s message for a non-zero value, and says when there is none', async () => {
    const custom = { ...statusMessageEntry(LIST, 3), statusMessage: [{ status: '0x0', message: 'pending_review' }, { status: '0x1', message: 'under_investigation' }] };
    expect(await statusOf(custom, {})).toMatchObject({ ok: true, reason: expect.stringMatching(/^pending_review/) });
    expect(await statusOf(custom, { suspended: [3] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^status 0x1 "under_investigation"/) });
    expect(await statusOf(custom, { revoked: [3] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^status 0x2 \(no message given\)/) });
  });

  it('is an out-of-range failure when the index does not fit a list of two-bit entries', async () => {
    expect(await statusOf(statusMessageEntry(LIST, 131_072), {})).toMatchObject({ ok: false, reason: expect.stringMatching(/outside the list/) });
  });
});
