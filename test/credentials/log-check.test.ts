import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import { registerLedgerCommands } from '../../src/cli/ledger.js';
import { registerVerifyCommands } from '../../src/cli/verify.js';
import { type Check, type Resolver, signedCredentialHash, type TransparencyLogPolicy, verify, type VerifyResult } from '../../src/credentials/index.js';
import {
  type CredentialLog,
  type CredentialProofBundle,
  createWitness,
  credentialIdHash,
  dbCredentialLog,
  formatAddCheckpoint,
  generateNoteKey,
  httpCredentialLog,
  latestCheckpoint,
  memoryWitnessState,
  savedCredentialLog,
  sequenceOnce,
  SIG_TYPE,
  toHex,
} from '../../src/ledger/index.js';
import { demoProvider, testApp, type Session, type TestApp } from '../helpers/app.js';

const PUBLIC_URL = 'https://microcred.test';
let t: TestApp;
let provider: Session;
let orgId: string;
let achievementId: string;
const logKey = generateNoteKey('microcred.test/log');
const witnessA = generateNoteKey('witness-a.example', SIG_TYPE.cosignatureV1);
const witnessB = generateNoteKey('witness-b.example', SIG_TYPE.cosignatureV1);

// The server's data folder holds the log key, as `serve` leaves it: POST /api/verify checks checkpoints with it.
const dataDir = mkdtempSync(path.join(tmpdir(), 'mc-logdata-'));
writeFileSync(path.join(dataDir, 'log.key'), `${logKey.skey}\n`);

beforeAll(async () => {
  t = await testApp({ demo: true, env: { PUBLIC_URL, MICROCRED_DATA: dataDir } });
  ({ provider, orgId, achievementId } = await demoProvider(t.app));
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function issue(name: string, email: string): Promise<{ id: string; credential: Record<string, any> }> {
  const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials`, payload: { achievementId, recipient: { name, email } } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Sequences what is pending and publishes a checkpoint signed by the test log key, optionally co-signed by witness A. */
async function publish(cosignBy: ReturnType<typeof createWitness>[] = []): Promise<string> {
  const cp = await sequenceOnce(t.database.db, logKey.signer, 4096, async (note) => {
    let out = note;
    for (const w of cosignBy) {
      const a = await w.addCheckpoint(formatAddCheckpoint({ oldSize: 0, proof: [], checkpoint: note }));
      if (a.ok) out += a.cosignatures;
    }
    return out;
  });
  return cp.note;
}

const policy = (log: CredentialLog = dbCredentialLog(t.database.db), extra: Partial<TransparencyLogPolicy> = {}): TransparencyLogPolicy => ({ log, key: logKey.verifier, ...extra });
const run = (doc: unknown, p: TransparencyLogPolicy, resolver?: Resolver) =>
  verify(doc as never, { resolver: resolver ?? t.app.services.resolver, transparencyLog: p });
const logCheck = (r: VerifyResult): Check => r.checks.find((c) => c.id === 'log')!;

/** A log client that hands the real bundle to `edit` first, as a lying or broken server might. */
function altered(edit: (b: CredentialProofBundle) => void): CredentialLog {
  const real = dbCredentialLog(t.database.db);
  return { bundle: async (h) => {
    const b = structuredClone(await real.bundle(h));
    edit(b);
    return b;
  } };
}

/** Answers the log API by injecting into the test app, so the HTTP client is exercised without a socket. */
const injectFetch: typeof fetch = async (input) => {
  const u = new URL(String(input));
  const r = await t.app.inject({ url: u.pathname + u.search });
  return new Response(r.body, { status: r.statusCode, headers: { 'content-type': String(r.headers['content-type'] ?? '') } });
};

describe('the "recorded in the transparency log" check', () => {
  let fresh: { id: string; credential: Record<string, any> };
  beforeAll(async () => {
    fresh = await issue('Amara Okafor', 'amara.okafor@learners.example');
  });

  it('passes for a credential just issued, before any checkpoint, from the platform’s own database (written in the issuing transaction)', async () => {
    const r = await run(fresh.credential, policy());
    expect(logCheck(r)).toMatchObject({ ok: true, reason: expect.stringMatching(/written to the transparency log .* issuing transaction/) });
    expect(r.verified).toBe(true);
  });

  it('passes with an inclusion proof once the entry is in a signed checkpoint, from the database, the HTTP API or a saved bundle', async () => {
    await publish();
    const local = logCheck(await run(fresh.credential, policy()));
    expect(local).toMatchObject({ ok: true, reason: expect.stringMatching(/as entry #\d+ .* proven included in the checkpoint of size \d+ signed by the log key$/) });
    const overHttp = await run(fresh.credential, policy(httpCredentialLog(PUBLIC_URL, injectFetch)));
    expect(logCheck(overHttp).ok).toBe(true);
    expect(overHttp.verified).toBe(true);
    const bundle = (await t.app.inject({ url: `/api/log/credentials/${toHex(credentialIdHash(fresh.credential.id))}` })).json();
    expect(bundle.entries).toHaveLength(1);
    expect(logCheck(await run(fresh.credential, policy(savedCredentialLog(bundle)))).ok).toBe(true);
  });

  it('fails when an entry’s bytes or its proof were tampered with, or the checkpoint is signed by another key', async () => {
    await issue('Kwame Mensah', 'kwame.mensah@learners.example');
    await publish(); // a larger tree, so the entry's proof is not empty
    const flipLeaf = altered((b) => {
      const bytes = Buffer.from(b.entries[0]!.encoded, 'base64');
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1; // the issuer DID's last byte: still a well-formed entry, another leaf
      b.entries[0]!.encoded = bytes.toString('base64');
    });
    expect(logCheck(await run(fresh.credential, policy(flipLeaf)))).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify/) });
    const flipProof = altered((b) => {
      const h = Buffer.from(b.entries[0]!.proof[0]!, 'base64');
      h[0] = h[0]! ^ 0x80;
      b.entries[0]!.proof[0] = h.toString('base64');
    });
    expect(logCheck(await run(fresh.credential, policy(flipProof)))).toMatchObject({ ok: false, reason: expect.stringMatching(/LEDGER_ROOT_MISMATCH|root/) });
    const dropProof = altered((b) => void b.entries[0]!.proof.pop());
    expect(logCheck(await run(fresh.credential, policy(dropProof))).ok).toBe(false);
    const forgedKey = generateNoteKey('microcred.test/log');
    const r = await run(fresh.credential, { ...policy(), key: forgedKey.verifier });
    expect(logCheck(r)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify/) });
    expect(r.verified).toBe(false);
  });

  it('fails for a credential altered after issuance: the log records another hash under its id', async () => {
    const tampered = structuredClone(fresh.credential);
    tampered.credentialSubject.achievement.name = 'Something grander';
    const c = logCheck(await run(tampered, policy()));
    expect(c).toMatchObject({ ok: false, reason: expect.stringMatching(/records another credential under this id/) });
  });

  it('fails for a credential of this platform that the log does not record', async () => {
    const forged = structuredClone(fresh.credential);
    forged.id = `${PUBLIC_URL}/c/00000000-0000-4000-8000-000000000000`;
    forged.validFrom = '2020-01-01T00:00:00Z';
    expect(logCheck(await run(forged, policy()))).toMatchObject({ ok: false, reason: expect.stringMatching(/^not recorded in the transparency log/) });
  });

  it('is not applicable (skipped, not failed) for a credential from another platform', async () => {
    // Another platform's log (its origin and key): this credential is not one of its.
    const other = generateNoteKey('other-platform.example/log');
    const r = await run(fresh.credential, { log: httpCredentialLog('https://other-platform.example', injectFetch), key: other.verifier });
    expect(logCheck(r)).toMatchObject({ ok: true, skipped: true, reason: expect.stringMatching(/^not applicable/) });
    expect(r.verified).toBe(true);
  });

  it('takes "pending" entries and sibling forms from the platform’s own database only, never from a remote answer', async () => {
    const local = await dbCredentialLog(t.database.db).bundle(credentialIdHash(fresh.credential.id));
    const lying: typeof fetch = async () =>
      new Response(JSON.stringify({ entries: [], pending: local.entries.map((e) => e.encoded), sameCredential: [toHex(signedCredentialHash(fresh.credential))] }), { headers: { 'content-type': 'application/json' } });
    const r = logCheck(await run(fresh.credential, policy(httpCredentialLog(PUBLIC_URL, lying))));
    expect(r.ok).not.toBe(true);
    const saved = logCheck(await run(fresh.credential, policy(savedCredentialLog({ entries: [], pending: local.entries.map((e) => e.encoded) }))));
    expect(saved.ok).not.toBe(true);
  });

  it('is indeterminate, not failed, when the log cannot be reached', async () => {
    const down = httpCredentialLog(PUBLIC_URL, async () => {
      throw new Error('connection refused');
    });
    const r = await run(fresh.credential, policy(down));
    expect(logCheck(r)).toMatchObject({ ok: null, reason: expect.stringMatching(/could not be read/) });
    expect(r.verified).toBe(false);
  });
});

describe('requiring witness cosignatures', () => {
  it('passes with N known cosignatures and fails naming the witnesses that are missing', async () => {
    const c = await issue('Zoë Müller', 'zoe.muller@learners.example');
    const a = createWitness({ key: witnessA.signer, logs: [logKey.verifier], state: memoryWitnessState() });
    const note = await publish([a]);
    expect(note).toContain('— witness-a.example ');
    const witnesses = [witnessA.verifier, witnessB.verifier];
    const one = logCheck(await run(c.credential, policy(undefined, { witnesses, quorum: 1 })));
    expect(one).toMatchObject({ ok: true, reason: expect.stringMatching(/co-signed by witness-a\.example$/) });
    const two = await run(c.credential, policy(undefined, { witnesses, quorum: 2 }));
    expect(logCheck(two)).toMatchObject({ ok: false, reason: 'the checkpoint carries 1 of the 2 witness cosignatures required; missing: witness-b.example' });
    expect(two.verified).toBe(false);
    // A cosignature by a key the verifier does not know does not count.
    const unknown = logCheck(await run(c.credential, policy(undefined, { witnesses: [witnessB.verifier], quorum: 1 })));
    expect(unknown).toMatchObject({ ok: false, reason: expect.stringMatching(/missing: witness-b\.example/) });
    // The checkpoint the API serves is the co-signed one.
    expect((await t.app.inject({ url: '/log/checkpoint' })).body).toBe(note);
  });
});

describe('a revocation recorded in the log', () => {
  let revoked: { id: string; credential: Record<string, any> };
  /** A resolver that cannot reach any status list (the issuer's site is down), but resolves DIDs. */
  let noStatusLists: Resolver;
  beforeAll(async () => {
    revoked = await issue('Søren Ødegaard', 'soren.odegaard@learners.example');
    const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials/${revoked.id}/status`, payload: { action: 'revoke', reason: 'issued in error' } });
    expect(res.statusCode, res.body).toBe(200);
    await publish();
    noStatusLists = {
      resolve: (id) => (id.includes('/status') ? Promise.resolve({ ok: null, reason: 'timed out after 10000 ms' }) : t.app.services.resolver.resolve(id)),
    };
  });

  it('is reported when the status list is unreachable: status indeterminate, log failed naming the revocation, not verified', async () => {
    const r = await run(revoked.credential, policy(), noStatusLists);
    const status = r.checks.find((c) => c.id === 'status')!;
    expect(status.ok).toBeNull();
    expect(logCheck(r)).toMatchObject({ ok: false, reason: expect.stringMatching(/^revoked on .* as recorded in the transparency log microcred\.test\/log \(entry #\d+\)/) });
    expect(r.verified).toBe(false);
  });

  it('is reported through the HTTP API too, and by the CLI from a saved proof bundle with no network at all', async () => {
    const overHttp = await run(revoked.credential, policy(httpCredentialLog(PUBLIC_URL, injectFetch)), noStatusLists);
    expect(logCheck(overHttp)).toMatchObject({ ok: false, reason: expect.stringMatching(/^revoked/) });

    const dir = mkdtempSync(path.join(tmpdir(), 'mc-logcheck-'));
    try {
      const did = (await t.app.inject({ url: '/issuers/lumiere/did.json' })).json();
      writeFileSync(path.join(dir, 'did.json'), JSON.stringify(did));
      writeFileSync(path.join(dir, 'map.json'), JSON.stringify({ documents: { [did.id]: 'did.json' } }));
      writeFileSync(path.join(dir, 'credential.json'), JSON.stringify(revoked.credential));
      // `microcred log bundle` saves what the log says about the credential, from its public API.
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const saved = await cli(['log', 'bundle', '--credential', path.join(dir, 'credential.json'), '--url', base]);
      expect(saved.code).toBe(0);
      const bundle = JSON.parse(saved.out);
      expect(bundle.entries).toHaveLength(2);
      expect(bundle).toEqual((await t.app.inject({ url: `/api/log/credentials/${toHex(credentialIdHash(revoked.credential.id))}` })).json());
      writeFileSync(path.join(dir, 'bundle.json'), saved.out);
      expect((await cli(['log', 'bundle', '--id', `${PUBLIC_URL}/c/nope`, '--url', base])).code).toBe(1);
      const out = await cli(['verify', path.join(dir, 'credential.json'), '--documents', path.join(dir, 'map.json'), '--log-proof', path.join(dir, 'bundle.json'), '--log-key', logKey.vkey]);
      expect(out.code).toBe(1);
      expect(out.out).toMatch(/[?✘] status +status list unavailable/);
      expect(out.out).toMatch(/✘ log +revoked on .* as recorded in the transparency log microcred\.test\/log/);
      const usage = await cli(['verify', path.join(dir, 'credential.json'), '--log-proof', path.join(dir, 'bundle.json')]).catch((e: Error) => ({ code: 2, out: e.message }));
      expect(usage.out).toMatch(/--log-proof needs --log-key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes POST /api/verify (the local log, its key from the data folder) fail the log check for it, next to the status check', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/verify', payload: revoked.credential });
    const bad = res.json().checks.filter((c: Check) => c.ok !== true);
    expect(bad.map((c: Check) => c.id)).toEqual(['status', 'log']);
    expect(bad[1].reason).toMatch(/^revoked on /);
    const other = await issue('Noor Rahman', 'noor.rahman@learners.example');
    await publish();
    const ok = (await t.app.inject({ method: 'POST', url: '/api/verify', payload: other.credential })).json();
    expect(ok.verified).toBe(true);
    expect(ok.checks.find((c: Check) => c.id === 'log').reason).toMatch(/proven included in the checkpoint of size \d+ signed by the log key/);
  });
});

describe('a credential issued as a JWT', () => {
  it('is found by its JWT, and its Data Integrity document is recognised as the same credential by the platform’s own verifier only', async () => {
    const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials`, payload: { achievementId, format: 'jwt', recipient: { name: 'Ana Silva', email: 'ana.silva@learners.example' } } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(typeof c.jwt).toBe('string');
    await publish();
    const asJwt = (await t.app.inject({ method: 'POST', url: '/api/verify', headers: { 'content-type': 'text/plain' }, payload: c.jwt })).json();
    expect(asJwt.checks.find((x: Check) => x.id === 'log')).toMatchObject({ ok: true, reason: expect.stringMatching(/as entry #\d+/) });
    const page = (await t.app.inject({ url: `/api/public/credentials/${c.id}` })).json();
    expect(page.verification.verified).toBe(true);
    expect(page.verification.checks.find((x: Check) => x.id === 'log').reason).toMatch(/in its JWT form; this Data Integrity form was issued with it/);
    // A remote verifier has only the log's word, which names the JWT: the DI form is not what it records.
    const remote = logCheck(await run(c.credential, policy(httpCredentialLog(PUBLIC_URL, injectFetch))));
    expect(remote).toMatchObject({ ok: false, reason: expect.stringMatching(/records another credential under this id/) });
  });
});

describe('the log API for auditors', () => {
  it('summarises the log and finds a credential by URL, id hash, credential hash or leaf hash', async () => {
    const c = await issue('Lina Haddad', 'lina.haddad@learners.example');
    await publish();
    const summary = (await t.app.inject({ url: '/api/log?limit=5' })).json();
    const cp = await latestCheckpoint(t.database.db);
    expect(summary).toMatchObject({ size: cp!.size, checkpoint: cp!.note, witnesses: [], quorum: 0 });
    expect(summary.recent).toHaveLength(5);
    expect(JSON.stringify(summary.recent)).not.toContain('Lina');
    const byUrl = (await t.app.inject({ url: `/api/log/search?q=${encodeURIComponent(c.credential.id)}` })).json();
    expect(byUrl).toMatchObject({ matchedBy: 'credential id', credentialIdHash: toHex(credentialIdHash(c.credential.id)) });
    expect(byUrl.entries[0]).toMatchObject({ entry: { type: 'issuance', issuer: 'did:web:microcred.test:issuers:lumiere' } });
    const byUuid = (await t.app.inject({ url: `/api/log/search?q=${c.id}` })).json();
    expect(byUuid.matchedBy).toBe('credential id');
    const byIdHash = (await t.app.inject({ url: `/api/log/search?q=${byUrl.credentialIdHash}` })).json();
    expect(byIdHash.matchedBy).toBe('credential id hash');
    const byCredHash = (await t.app.inject({ url: `/api/log/search?q=${byUrl.entries[0].entry.credentialHash}` })).json();
    expect(byCredHash.matchedBy).toBe('credential hash');
    const byLeaf = (await t.app.inject({ url: `/api/log/search?q=${encodeURIComponent(byUrl.entries[0].leafHash)}` })).json();
    expect(byLeaf.matchedBy).toBe('leaf hash');
    expect((await t.app.inject({ url: `/api/log/search?q=${'ab'.repeat(32)}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/log/search?q=hello' })).statusCode).toBe(400);
  });
});

async function cli(args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('microcred').exitOverride();
  registerVerifyCommands(program);
  registerLedgerCommands(program);
  let out = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out, code: typeof process.exitCode === 'number' ? process.exitCode : 0 };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

describe('which credentials a log records', () => {
  it('decides by the log’s origin, not the address it was reached at', async () => {
    const { issuedUnder } = await import('../../src/ledger/index.js');
    expect(issuedUnder('localhost:3955/log', { id: 'http://localhost:3955/c/abc' })).toBe(true);
    expect(issuedUnder('microcred.test/log', { id: 'https://microcred.test/c/abc' })).toBe(true);
    expect(issuedUnder('example.org/edu/log', { id: 'https://example.org/edu/c/abc' })).toBe(true);
    expect(issuedUnder('example.org/edu/log', { id: 'https://example.org/c/abc' })).toBe(false);
    expect(issuedUnder('microcred.test/log', { id: 'https://microcred.test.evil.example/c/abc' })).toBe(false);
    expect(issuedUnder('microcred.test/log', { id: 'urn:uuid:1234', issuer: 'did:web:microcred.test:issuers:lumiere' })).toBe(true);
    expect(issuedUnder('localhost:3955/log', { id: 'urn:uuid:1234', issuer: 'did:web:localhost%3A3955:issuers:lumiere' })).toBe(true);
    expect(issuedUnder('microcred.test/log', { id: 'urn:uuid:1234', issuer: 'did:web:microcred.test' })).toBe(false);
    expect(issuedUnder('microcred.test/log', { id: 'urn:uuid:1234', issuer: 'did:key:z6Mk' })).toBe(false);
  });
});
