/**
 * Transparency log benchmark (issue #5), on PGlite and, given a server URL, on
 * PostgreSQL in scratch databases created and dropped for it:
 *
 * 1. appends per second as the product does them — entries appended with
 *    `appendEntries` in issuing transactions of a bulk chunk (200), several
 *    writers at once on PostgreSQL, while a sequencer loop `integrate`s them
 *    into the Merkle tree — until every entry is a leaf; against a naive log
 *    that appends and integrates each entry in its own transaction, same run;
 * 2. inclusion- and consistency-proof generation (`proveInclusion`,
 *    `proveConsistency`) and proof size on trees of 10^4, 10^6 (and with
 *    `--ledger-size`, 10^7) entries built straight into the store with SQL,
 *    each checked against a root computed independently in memory;
 * 3. the checkpoint interval achieved by `startSequencer` while appends stream in;
 * 4. what the "recorded in the transparency log" check adds to `verify()`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { signDataIntegrity, signedCredentialHash, verify } from '../src/credentials/index.js';
import { scratchDatabase, type Database, type Db } from '../src/db/index.js';
import {
  appendEntries,
  CompactRange,
  dbCredentialLog,
  generateNoteKey,
  type Hash,
  integrate,
  issuanceEntry,
  leafHash,
  type LogEntry,
  proveConsistency,
  proveInclusion,
  publishCheckpoint,
  rootAt,
  startSequencer,
  treeState,
  verifyConsistency,
  verifyInclusion,
} from '../src/ledger/index.js';
import { rootHash } from '../src/ledger/merkle.js';
import { readNodes } from '../src/ledger/store.js';
import { benchCredential } from './credentials.js';
import { measure, type Row } from './measure.js';

const ORIGIN = 'bench.example/log';

/** Realistic issuance entries (≈110 bytes: two hashes, a time, a did:web issuer). */
function entries(n: number): LogEntry[] {
  const time = new Date('2026-11-24T08:00:00Z');
  return Array.from({ length: n }, (_, i) =>
    issuanceEntry({ credentialId: `https://bench.example/c/${i}`, credentialHash: randomBytes(32), issuer: `did:web:bench.example:issuers:${i % 50}`, time }),
  );
}

/**
 * CPU time so far of each server process connected to this database, by pid, read from
 * /proc (the server runs on this machine); undefined on PGlite or when /proc is not readable.
 */
async function backendCpuMs(database: Database): Promise<Map<number, number> | undefined> {
  if (database.kind !== 'postgres') return undefined;
  const res = (await database.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as unknown as { rows: { pid: number }[] };
  const out = new Map<number, number>();
  try {
    for (const { pid } of res.rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    }
  } catch {
    return undefined;
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

export interface AppendResult {
  database: string;
  n: number;
  chunk: number;
  writers: number;
  wallMs: number;
  /** When the last append committed. */
  appendedMs: number;
  cpuMs: number;
  /** CPU time of this database's PostgreSQL server processes over the run (Linux /proc), when on a local server. */
  serverCpuMs?: number;
  perSecond: number;
  naivePerSecond: number;
  naiveN: number;
}

/**
 * Product path: `writers` concurrent issuers each committing transactions of
 * `chunk` entries, and one sequencer integrating (4096 per batch, its default)
 * until the tree holds all n. Naive: each entry appended and integrated in one
 * transaction of its own, one after another, for `naiveSeconds`.
 */
async function appendBench(database: Database, n: number, chunk: number, writers: number, naiveSeconds: number): Promise<AppendResult> {
  const { db } = database;
  const all = entries(n);
  const before = (await treeState(db)).size;
  // Open the writers' and the sequencer's connections first, so their server processes exist before the run.
  await Promise.all(Array.from({ length: writers + 1 }, () => db.transaction((tx) => tx.execute(sql`select pg_sleep(0.05)`))));
  const server0 = await backendCpuMs(database);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  let appendedMs = 0;
  const writer = async () => {
    for (;;) {
      const at = next;
      next += chunk;
      if (at >= n) return;
      await db.transaction((tx) => appendEntries(tx, all.slice(at, at + chunk)));
    }
  };
  const writing = Promise.all(Array.from({ length: writers }, writer)).then(() => void (appendedMs = performance.now() - t0));
  let size = before;
  while (size < before + n) {
    const r = await integrate(db, { maxBatch: 4096 });
    size = r.size;
    if (r.added === 0) await new Promise((res) => setTimeout(res, 2));
  }
  await writing;
  const wallMs = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(cpu0));
  const server1 = await backendCpuMs(database);
  let serverCpuMs: number | undefined;
  if (server0 && server1) {
    serverCpuMs = 0;
    for (const [pid, ms] of server1) serverCpuMs += ms - (server0.get(pid) ?? 0);
  }

  // Naive: one entry per transaction, integrated at once (no pending table batching, no multi-row inserts).
  const naive = entries(Math.ceil(naiveSeconds * 5000));
  let i = 0;
  const n0 = performance.now();
  while (performance.now() - n0 < naiveSeconds * 1000 && i < naive.length) {
    const e = naive[i++]!;
    await db.transaction(async (tx) => {
      await appendEntries(tx, [e]);
      await integrate(tx as unknown as Db, { maxBatch: 1 });
    });
  }
  const naiveMs = performance.now() - n0;
  const end = await treeState(db);
  if (end.size !== before + n + i) throw new Error(`expected ${before + n + i} leaves, the tree has ${end.size}`);
  return { database: database.kind, n, chunk, writers, wallMs, appendedMs, cpuMs: cpu, serverCpuMs, perSecond: (n * 1000) / wallMs, naivePerSecond: (i * 1000) / naiveMs, naiveN: i };
}

/** The synthetic entry of leaf i (its index, 8 bytes big-endian), as the SQL below builds it. */
function syntheticLeafHash(i: number): Hash {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(i));
  return leafHash(b);
}

/** MTH of the synthetic tree of n leaves, computed in memory (independently of the store). */
function syntheticRoot(n: number): Hash {
  const range = CompactRange.of(0, []);
  for (let i = 0; i < n; i++) range.appendLeafHash(syntheticLeafHash(i));
  return range.root();
}

/**
 * Fills `ledger_nodes` and `ledger_state` for a tree of n synthetic leaves in
 * SQL, level by level: level 0 holds SHA-256(0x00 ‖ int8(i)), level l+1 the
 * hash of each pair of level l (what `integrate` stores, without the entries,
 * which proofs do not read). Returns the build time.
 */
async function buildTree(db: Db, n: number): Promise<number> {
  const t0 = performance.now();
  await db.execute(sql`insert into ledger_nodes (level, idx, hash) select 0, i, sha256(decode('00', 'hex') || int8send(i)) from generate_series(0::bigint, ${n - 1}::bigint) as i`);
  for (let level = 1, count = Math.floor(n / 2); count > 0; level++, count = Math.floor(count / 2)) {
    await db.execute(sql`
      insert into ledger_nodes (level, idx, hash)
      select ${level}, idx / 2, h from (
        select idx, sha256(decode('01', 'hex') || lag(hash) over (order by idx) || hash) as h from ledger_nodes where level = ${level - 1}
      ) s where idx % 2 = 1`);
  }
  await db.execute(sql`analyze ledger_nodes`);
  const root = await rootAtUnchecked(db, n);
  await db.execute(sql`insert into ledger_state (id, size, root) values (1, ${n}, ${root})`);
  return performance.now() - t0;
}

function rootAtUnchecked(db: Db, n: number): Promise<Hash> {
  return rootHash((ids) => readNodes(db, ids), n);
}

export interface ProofResult {
  database: string;
  n: number;
  buildMs: number;
  /** Inclusion proof by leaf index: median and 95th percentile wall ms, CPU ms per proof. */
  inclusion: { medianMs: number; p95Ms: number; cpuMs: number; hashes: number; bytes: number };
  /** Inclusion proof by leaf hash (the API's search path: the leaf is looked up first). */
  byHash: { medianMs: number; p95Ms: number };
  consistency: { medianMs: number; p95Ms: number; hashes: number; bytes: number };
}

async function timed(k: number, fn: (i: number) => Promise<void>): Promise<{ medianMs: number; p95Ms: number; cpuMs: number }> {
  for (let i = 0; i < 20; i++) await fn(i);
  const ms: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < k; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return { medianMs: median(ms), p95Ms: quantile(ms, 0.95), cpuMs: cpuMs(process.cpuUsage(cpu0)) / k };
}

async function proofBench(serverUrl: string | undefined, n: number, checkRoot: boolean): Promise<ProofResult> {
  const database = await scratchDatabase(serverUrl, 'mc_bench');
  try {
    await database.migrate();
    const { db } = database;
    const buildMs = await buildTree(db, n);
    const root = await rootAt(db, n);
    if (checkRoot) {
      const expected = syntheticRoot(n);
      if (Buffer.compare(Buffer.from(expected), Buffer.from(root)) !== 0) throw new Error(`the tree built in SQL has another root than the one computed in memory (n = ${n})`);
    }
    const k = 300;
    const rand = (max: number) => Math.floor(Math.random() * max);
    const idx = Array.from({ length: k + 20 }, () => rand(n));
    let hashes = 0;
    const inclusion = await timed(k, async (i) => {
      const { proof } = await proveInclusion(db, idx[i]!, n);
      hashes = Math.max(hashes, proof.length);
      if (i < 20) verifyInclusion(syntheticLeafHash(idx[i]!), idx[i]!, n, proof, root);
    });
    const byHash = await timed(k, async (i) => {
      const { index } = await proveInclusion(db, syntheticLeafHash(idx[i]!), n);
      if (index !== idx[i]) throw new Error(`leaf ${idx[i]} found at ${index}`);
    });
    let cHashes = 0;
    const pairs = Array.from({ length: k + 20 }, () => {
      const m = 1 + rand(n - 1);
      return [m, m + 1 + rand(n - m)] as const;
    });
    const consistency = await timed(k, async (i) => {
      const [m, to] = pairs[i]!;
      const proof = await proveConsistency(db, m, to);
      cHashes = Math.max(cHashes, proof.length);
      if (i < 5) verifyConsistency(m, to, proof, await rootAt(db, m), await rootAt(db, to));
    });
    return {
      database: database.kind,
      n,
      buildMs,
      inclusion: { ...inclusion, hashes, bytes: hashes * 32 },
      byHash,
      consistency: { medianMs: consistency.medianMs, p95Ms: consistency.p95Ms, hashes: cHashes, bytes: cHashes * 32 },
    };
  } finally {
    await database.close();
  }
}

export interface CheckpointResult {
  database: string;
  configuredMs: number;
  seconds: number;
  appended: number;
  checkpoints: number;
  /** Gaps between checkpoints, the first from the start of the appends. */
  intervalsMs: number[];
  /** Entries appended but not in the latest checkpoint when appends stopped. */
  lagEntries: number;
}

/**
 * Appends stream in (transactions of `chunk`, as fast as `writers` can) while
 * `startSequencer` runs; when were checkpoints published? Their times are the
 * database's `created_at` of each stored checkpoint, read afterwards, so the
 * measurement adds no queries of its own while it runs.
 */
async function checkpointBench(database: Database, seconds: number, chunk: number, writers: number, intervalMs: number): Promise<CheckpointResult> {
  const { db } = database;
  const key = generateNoteKey(ORIGIN);
  const start = (await treeState(db)).size;
  const batches = Array.from({ length: 64 }, () => entries(chunk));
  let appended = 0;
  let k = 0;
  const seq = startSequencer({ db, logKey: key.signer, intervalMs, onError: (e) => console.error('sequencer:', e) });
  const t0 = Date.now();
  const writer = async () => {
    while (Date.now() - t0 < seconds * 1000) {
      const batch = batches[k++ % batches.length]!;
      await db.transaction((tx) => appendEntries(tx, batch));
      appended += batch.length;
      // Let timers run between transactions, as requests arriving over the network do (PGlite answers without yielding).
      await new Promise((res) => setImmediate(res));
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  const t1 = Date.now();
  await seq.stop();
  const res = (await db.execute(sql`
    select size::text as size, (extract(epoch from created_at) * 1000)::float8 as at from ledger_checkpoints
    where created_at >= ${new Date(t0).toISOString()}::timestamptz and created_at <= ${new Date(t1).toISOString()}::timestamptz order by size`)) as unknown as { rows: { size: string; at: number }[] };
  const times = [t0, ...res.rows.map((r) => Number(r.at))];
  const intervalsMs = times.slice(1).map((t, i) => t - times[i]!);
  const last = res.rows.length ? Number(res.rows[res.rows.length - 1]!.size) : start;
  return { database: database.kind, configuredMs: intervalMs, seconds, appended, checkpoints: res.rows.length, intervalsMs, lagEntries: start + appended - last };
}

/** verify() of one signed credential recorded in the log, with the log check against without it (same process, alternating). */
async function verifierBench(database: Database, seconds: number): Promise<Row> {
  const { db } = database;
  const id = `https://bench.example/c/${randomUUID()}`;
  const { did, signer, unsigned } = benchCredential(id);
  const signed = await signDataIntegrity(unsigned, signer);
  const logKey = generateNoteKey(ORIGIN);
  await db.transaction((tx) => appendEntries(tx, [issuanceEntry({ credentialId: id, credentialHash: signedCredentialHash(signed), issuer: did, time: new Date() })]));
  for (;;) if ((await integrate(db)).added === 0) break;
  await publishCheckpoint(db, logKey.signer);
  const now = new Date('2026-06-01T00:00:00Z');
  const policy = { log: dbCredentialLog(db), key: logKey.verifier };
  const withLog = async () => {
    const r = await verify(signed, { now, transparencyLog: policy });
    if (!r.verified || !r.checks.some((c) => c.id === 'log' && c.ok === true && !c.skipped)) throw new Error(`the log check did not pass: ${JSON.stringify(r.checks)}`);
  };
  const without = async () => {
    const r = await verify(signed, { now });
    if (!r.verified) throw new Error(`did not verify: ${JSON.stringify(r.checks)}`);
  };
  const size = (await treeState(db)).size;
  return measure(`ledger: verify with log check vs without (${database.kind})`, `tree of ${size} entries`, withLog, without, seconds);
}

export interface LedgerReport {
  appends: AppendResult[];
  proofs: ProofResult[];
  checkpoints: CheckpointResult[];
  verifier: Row[];
}

export interface LedgerOptions {
  /** PostgreSQL server for the scratch databases; PGlite only without it. */
  serverUrl?: string;
  /** Tree sizes for the proof benchmark (default 10^4 and 10^6). */
  proofSizes: number[];
  /** Entries in the append benchmark on PostgreSQL (PGlite runs a fifth). */
  appendN: number;
  seconds: number;
  /** Only the proof benchmark (for a long 10^7 run). */
  proofsOnly?: boolean;
  log?: (line: string) => void;
}

export async function ledgerBench(opts: LedgerOptions): Promise<LedgerReport> {
  const say = opts.log ?? (() => undefined);
  const report: LedgerReport = { appends: [], proofs: [], checkpoints: [], verifier: [] };
  const targets: Array<string | undefined> = opts.proofsOnly ? [] : [undefined, ...(opts.serverUrl ? [opts.serverUrl] : [])];
  for (const url of targets) {
    const database = await scratchDatabase(url, 'mc_bench');
    try {
      await database.migrate();
      const server = database.kind === 'postgres';
      const n = server ? opts.appendN : Math.max(1000, Math.floor(opts.appendN / 5));
      say(`ledger: appends on ${database.kind} (${n} entries)…`);
      report.appends.push(await appendBench(database, n, 200, server ? 4 : 1, Math.min(3, opts.seconds)));
      say(`ledger: checkpoint interval under load on ${database.kind}…`);
      report.checkpoints.push(await checkpointBench(database, Math.max(5, opts.seconds), 200, server ? 4 : 1, 1000));
      say(`ledger: verifier cost on ${database.kind}…`);
      report.verifier.push(await verifierBench(database, opts.seconds));
    } finally {
      await database.close();
    }
  }
  // Proofs on the server when there is one (the large trees), else on PGlite.
  const proofUrl = opts.serverUrl;
  for (const n of opts.proofSizes) {
    say(`ledger: proofs at ${n} entries…`);
    report.proofs.push(await proofBench(proofUrl, n, n <= 10_000_000));
  }
  return report;
}

export function printLedger(r: LedgerReport, out: (s: string) => void): void {
  const f = (x: number, d = 2) => x.toFixed(d);
  out('\ntransparency log (issue #5)\n');
  for (const a of r.appends) {
    out(
      `  appends on ${a.database}: ${a.n} entries in transactions of ${a.chunk} by ${a.writers} writer(s), integrated as they came: ${f(a.wallMs / 1000)} s wall ` +
        `(appends done at ${f(a.appendedMs / 1000)} s), ${a.perSecond.toFixed(0)}/s; naive one entry per transaction ${a.naivePerSecond.toFixed(0)}/s (${a.naiveN} entries); ` +
        `ratio ${f(a.perSecond / a.naivePerSecond, 1)}×; process CPU ${f(a.cpuMs / 1000)} s` +
        (a.serverCpuMs === undefined ? '' : `, PostgreSQL server CPU ${f(a.serverCpuMs / 1000)} s`) +
        ` (${f(((a.cpuMs + (a.serverCpuMs ?? 0)) * 1000) / a.n, 1)} µs of CPU per entry)\n`,
    );
  }
  for (const c of r.checkpoints) {
    const iv = c.intervalsMs;
    out(
      `  checkpoints on ${c.database} (configured ${c.configuredMs} ms pause) while ${c.appended} entries streamed in over ${c.seconds} s: ${c.checkpoints} published, interval ` +
        (iv.length ? `median ${f(median(iv) / 1000)} s, max ${f(Math.max(...iv) / 1000)} s (first from the start of the appends)` : 'n/a') +
        `; ${c.lagEntries} entries not yet checkpointed when appends stopped\n`,
    );
  }
  for (const v of r.verifier) {
    const added = 1000 / v.oursPerSecond - 1000 / v.referencePerSecond;
    out(`  ${v.name}: ${f(1000 / v.oursPerSecond)} ms vs ${f(1000 / v.referencePerSecond)} ms per credential, the log check adds ${f(added)} ms (wall; ${v.note}; cpu ratio ${f(v.cpuRatio ?? NaN)})\n`);
  }
  for (const p of r.proofs) {
    out(
      `  proofs on ${p.database}, ${p.n} entries (tree built in ${f(p.buildMs / 1000, 1)} s): inclusion by index median ${f(p.inclusion.medianMs, 3)} ms (p95 ${f(p.inclusion.p95Ms, 3)}, CPU ${f(p.inclusion.cpuMs, 3)} ms), ` +
        `${p.inclusion.hashes} hashes = ${p.inclusion.bytes} bytes; by leaf hash median ${f(p.byHash.medianMs, 3)} ms (p95 ${f(p.byHash.p95Ms, 3)}); ` +
        `consistency median ${f(p.consistency.medianMs, 3)} ms (p95 ${f(p.consistency.p95Ms, 3)}), up to ${p.consistency.hashes} hashes = ${p.consistency.bytes} bytes\n`,
    );
  }
}
