import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CredentialError, loadDocumentsMap, parseTrustedKey, validate, verify, type TrustedKey, type VerifyOptions, type VerifyResult } from '../credentials/index.js';
import { httpCredentialLog, LedgerError, type NoteVerifier, parseVerifierKey, savedCredentialLog } from '../ledger/index.js';
import { EXIT, UsageError } from './output.js';

const MAX_INPUT_BYTES = 4 << 20;

/** The input as bytes, so a baked badge image (PNG) reaches verify() intact. */
async function readBytes(source: string, fetchAllowed: boolean): Promise<Uint8Array> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
  if (/^https?:\/\//.test(source)) {
    if (!fetchAllowed) throw new UsageError('a URL cannot be verified with --documents (nothing is fetched then); download it first');
    const res = await fetch(source, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/vc+ld+json, application/vc+jwt, application/json, image/png, image/svg+xml' } });
    if (!res.ok) throw new UsageError(`${source} answered HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  try {
    const bytes = readFileSync(source);
    if (bytes.length > MAX_INPUT_BYTES) throw new UsageError(`${source} is larger than ${MAX_INPUT_BYTES} bytes`);
    return bytes;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${source}: ${(e as Error).message}`);
  }
}

async function readInput(source: string, fetchAllowed: boolean): Promise<string> {
  return Buffer.from(await readBytes(source, fetchAllowed)).toString('utf8');
}

function readKey(file: string): TrustedKey {
  try {
    return parseTrustedKey(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new UsageError(`--key ${file}: ${(e as Error).message}`);
  }
}

/** "Not verified" is an answer, not an error: the command returns normally with exit code 1. */
function exitWith(code: number): void {
  process.exitCode = code;
}

const MARK = { true: '✔', false: '✘', null: '?' } as const;

function verifierKey(option: string, vkey: string): NoteVerifier {
  try {
    return parseVerifierKey(vkey);
  } catch (e) {
    throw new UsageError(`${option}: ${(e as Error).message}`);
  }
}

interface LogOptions {
  log?: string;
  logProof?: string;
  logKey?: string;
  witness: string[];
  witnesses?: string;
}

/**
 * The transparency-log policy of `--log URL` (or `--log-proof FILE`): the log key and witness keys
 * are the ones given, or else those the log itself publishes at /api/log (trust on first use, said so).
 */
async function logPolicy(opts: LogOptions): Promise<{ policy?: VerifyOptions['transparencyLog']; note?: string }> {
  if (!opts.log && !opts.logProof) {
    if (opts.logKey || opts.witness.length || opts.witnesses) throw new UsageError('--log-key, --witness and --witnesses need --log URL or --log-proof FILE');
    return {};
  }
  if (opts.log && opts.logProof) throw new UsageError('give --log or --log-proof, not both');
  const quorum = opts.witnesses === undefined ? 0 : Number(opts.witnesses);
  if (!Number.isSafeInteger(quorum) || quorum < 0) throw new UsageError('--witnesses takes a whole number');
  let key = opts.logKey ? verifierKey('--log-key', opts.logKey) : undefined;
  let witnesses = opts.witness.map((w) => verifierKey('--witness', w));
  let note: string | undefined;
  if (opts.logProof) {
    if (!key) throw new UsageError('--log-proof needs --log-key (the log verifier key) to check the checkpoint offline');
    let bundle: unknown;
    try {
      bundle = JSON.parse(readFileSync(opts.logProof, 'utf8'));
    } catch (e) {
      throw new UsageError(`--log-proof ${opts.logProof}: ${(e as Error).message}`);
    }
    try {
      return { policy: { log: savedCredentialLog(bundle), key, witnesses, quorum } };
    } catch (e) {
      if (e instanceof LedgerError) throw new UsageError(`--log-proof ${opts.logProof}: ${e.message}`);
      throw e;
    }
  }
  const base = opts.log!.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) throw new UsageError('--log takes the http(s) base URL of a microcred instance');
  if (!key || (quorum > 0 && witnesses.length === 0)) {
    let published: { logKey?: string | null; witnesses?: { key: string }[] };
    try {
      const res = await fetch(`${base}/api/log?limit=1`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      published = (await res.json()) as typeof published;
    } catch (e) {
      throw new UsageError(`--log ${base}: cannot read the log's keys (${(e as Error).message}); pass --log-key`);
    }
    if (!key) {
      if (!published.logKey) throw new UsageError(`--log ${base} publishes no log key; pass --log-key`);
      key = verifierKey('the log key the log publishes', published.logKey);
      note = `  (log key ${published.logKey} taken from the log itself: pass --log-key to pin it)\n`;
    }
    if (quorum > 0 && witnesses.length === 0) {
      witnesses = (published.witnesses ?? []).map((w) => verifierKey('a witness key the log publishes', w.key));
      note = `${note ?? ''}  (witness keys taken from the log itself: pass --witness to pin them)\n`;
    }
  }
  return { policy: { log: httpCredentialLog(base), key, witnesses, quorum }, note };
}

function printReport(r: VerifyResult, indent = ''): void {
  const out = process.stdout;
  if (!indent) out.write(`${r.verified ? 'VERIFIED' : 'NOT VERIFIED'} (${r.format})${r.issuer ? ` issuer ${r.issuer}` : ''}\n`);
  for (const c of r.checks) out.write(`${indent}  ${c.skipped ? '–' : MARK[String(c.ok) as 'true' | 'false' | 'null']} ${c.id.padEnd(12)} ${c.reason}\n`);
  r.credentials?.forEach((inner, i) => {
    out.write(`${indent}  credential ${i + 1}: ${inner.verified ? 'verified' : 'not verified'} (${inner.format})\n`);
    printReport(inner, `${indent}    `);
  });
  if (!indent && r.checks.some((c) => c.ok === null)) out.write('  (? = could not be checked; that is never counted as passed)\n');
}

export function registerVerifyCommands(program: Command): void {
  program
    .command('verify')
    .description('Verify a credential or presentation (Data Integrity, vc+jwt, vp+jwt, SD-JWT), also baked in a badge image (PNG or SVG). Exit 0 verified, 1 not verified, 2 usage error.')
    .argument('[source]', 'a file (JSON, JWT, or a baked PNG/SVG badge), an https URL, or - for standard input', '-')
    .option('--json', 'print the result as JSON')
    .option('--now <iso>', 'verify as of this time (ISO 8601)')
    .option('--documents <map>', 'resolve DIDs, controller documents and status lists from this map file; nothing is fetched')
    .option('--key <file>', 'trust this verification method (JWK or Multikey document); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--challenge <c>', 'expected presentation challenge (nonce)')
    .option('--domain <d>', 'expected presentation domain (aud)')
    .option('--log <url>', 'check that the credential is recorded in the transparency log of the microcred instance at this base URL')
    .option('--log-proof <file>', 'check it against a saved proof bundle instead (from /api/log/credentials/<id hash>); needs --log-key')
    .option('--log-key <vkey>', 'the log verifier key (<origin>+<id>+<key>) the checkpoint must be signed with')
    .option('--witness <vkey>', 'a witness cosignature key to accept; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--witnesses <n>', 'require this many witness cosignatures on the checkpoint')
    .action(async (source: string, opts: { json?: boolean; now?: string; documents?: string; key: string[]; challenge?: string; domain?: string } & LogOptions) => {
      const now = opts.now === undefined ? new Date() : new Date(opts.now);
      if (Number.isNaN(now.getTime()) || (opts.now !== undefined && !/^\d{4}-\d\d-\d\d/.test(opts.now))) throw new UsageError(`--now takes an ISO 8601 date-time, not ${opts.now}`);
      let documents: Map<string, unknown> | undefined;
      try {
        documents = opts.documents ? loadDocumentsMap(opts.documents) : undefined;
      } catch (e) {
        if (e instanceof CredentialError) throw new UsageError(e.message);
        throw e;
      }
      const { policy, note } = await logPolicy(opts);
      const options: VerifyOptions = {
        transparencyLog: policy,
        now,
        documents,
        fetch: documents ? undefined : fetch,
        trustedKeys: opts.key.map(readKey),
        challenge: opts.challenge,
        domain: opts.domain,
      };
      const result = await verify(await readBytes(source, !documents), options);
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        printReport(result);
        if (note) process.stdout.write(note);
      }
      if (!result.verified) exitWith(EXIT.failed);
    });

  program
    .command('validate')
    .description('Check an (unsigned) credential or presentation against the VC DM 2.0 rules and, for Open Badges, the OB 3.0 JSON schema. Exit 0 conforming, 1 not.')
    .argument('<file>', 'a JSON file, or - for standard input')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const text = await readInput(file, false);
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        doc = undefined;
        const result = { conforms: false, kind: 'unknown', violations: [{ rule: 'json', path: '', message: `not well-formed JSON: ${(e as Error).message}` }] };
        process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `NOT CONFORMING\n  json: ${result.violations[0]!.message}\n`);
        exitWith(EXIT.failed);
        return;
      }
      const result = await validate(doc);
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        process.stdout.write(`${result.conforms ? 'CONFORMING' : 'NOT CONFORMING'} (${result.kind})\n`);
        for (const v of result.violations) process.stdout.write(`  ✘ ${v.rule}${v.path ? ` at ${v.path}` : ''}: ${v.message}\n`);
      }
      if (!result.conforms) exitWith(EXIT.failed);
    });
}
