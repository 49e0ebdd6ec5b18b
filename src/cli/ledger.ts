import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import { connectFromConfig } from '../db/index.js';
import {
  checkConsistency,
  credentialIdHash,
  credentialProofBundle,
  type CredentialProofBundle,
  httpCredentialLog,
  dbLogSource,
  entryToJson,
  equalHashes,
  httpLogSource,
  LedgerError,
  leafHash,
  type LogEntry,
  type LogSource,
  type NoteVerifier,
  parseCheckpoint,
  parseHash,
  parseNote,
  parseVerifierKey,
  toBase64,
  toHex,
  verifyCheckpoint,
  verifyInclusion,
} from '../ledger/index.js';
import { EXIT, UsageError } from './output.js';

/** Runs `fn` against the log at `url`, or against the configured database when no URL is given. */
async function withSource<T>(url: string | undefined, fn: (s: LogSource) => Promise<T>): Promise<T> {
  if (url) return fn(httpLogSource(url));
  const database = await connectFromConfig(loadConfig());
  try {
    await database.migrate();
    return await fn(dbLogSource(database.db));
  } finally {
    await database.close();
  }
}

function readVerifier(vkey: string | undefined): NoteVerifier | undefined {
  if (vkey === undefined) return undefined;
  try {
    return parseVerifierKey(vkey);
  } catch (e) {
    throw new UsageError(`--key: ${(e as Error).message}`);
  }
}

/** A ledger failure is an answer ("not verified"), printed with its code; exit 1. */
function failed(e: LedgerError): void {
  process.stderr.write(`microcred: ${e.message} [${e.code}]\n`);
  process.exitCode = EXIT.failed;
}

function describeEntry(index: number, e: LogEntry): string {
  const j = entryToJson(e);
  const what = j.type === 'issuance' ? `issued by ${j.issuer}, credential hash ${j.credentialHash}` : `${j.action} (${j.reason})`;
  return `  #${index} ${j.time} ${j.type}: credential id hash ${j.credentialIdHash.slice(0, 16)}…, ${what}\n`;
}

const UNSIGNED_NOTE = '  (signatures not checked: pass --key with the log verifier key)\n';

/** The credential id of `--id`, or of the credential in `--credential FILE` (JSON, or a compact JWT whose payload has an id). */
function credentialIdOf(opts: { id?: string; credential?: string }): string {
  if ((opts.id === undefined) === (opts.credential === undefined)) throw new UsageError('give either --id or --credential');
  if (opts.id !== undefined) return opts.id;
  let text: string;
  try {
    text = readFileSync(opts.credential!, 'utf8').trim();
  } catch (e) {
    throw new UsageError(`cannot read ${opts.credential}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = text.startsWith('{') ? JSON.parse(text) : JSON.parse(Buffer.from(text.split('~')[0]!.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    doc = undefined;
  }
  const id = (doc as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new UsageError(`${opts.credential} is not a credential with an id (JSON or a compact JWT)`);
  return id;
}

export function registerLedgerCommands(program: Command): void {
  const log = program.command('log').description('Monitor the transparency log and get proofs from it.');

  log
    .command('bundle')
    .description("Print what the log records about a credential, with inclusion proofs under the latest checkpoint (JSON): save it to check the credential offline with `microcred verify --log-proof FILE --log-key VKEY`.")
    .option('--credential <file>', 'the credential (JSON or compact JWT)')
    .option('--id <id>', 'the credential id (its URL)')
    .option('--url <base>', "the log's microcred base URL (default: the configured database)")
    .action(async (opts: { credential?: string; id?: string; url?: string }) => {
      const idHash = credentialIdHash(credentialIdOf(opts));
      let bundle: CredentialProofBundle;
      try {
        if (opts.url) bundle = await httpCredentialLog(opts.url).bundle(idHash);
        else {
          const database = await connectFromConfig(loadConfig());
          try {
            await database.migrate();
            bundle = await credentialProofBundle(database.db, idHash);
          } finally {
            await database.close();
          }
        }
      } catch (e) {
        if (e instanceof LedgerError) return failed(e);
        throw e;
      }
      process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
      if (bundle.entries.length === 0) {
        process.stderr.write(`microcred: the log has no checkpointed entry for credential id hash ${toHex(idHash)}\n`);
        process.exitCode = EXIT.failed;
      }
    });

  log
    .command('verify')
    .description('Check that the log still extends a saved checkpoint (no entry rewritten, reordered or dropped) and show what was added. Exit 0 consistent, 1 not.')
    .requiredOption('--checkpoint <file>', 'a checkpoint saved earlier (signed note)')
    .option('--url <base>', 'the log\'s microcred base URL (default: the configured database)')
    .option('--key <vkey>', 'the log verifier key (<name>+<id>+<key>); checks both checkpoints\' signatures')
    .option('--show <n>', 'how many of the newest added entries to show', '10')
    .option('--save', 'when consistent, overwrite the file with the current checkpoint')
    .action(async (opts: { checkpoint: string; url?: string; key?: string; show: string; save?: boolean }) => {
      let saved: string;
      try {
        saved = readFileSync(opts.checkpoint, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${opts.checkpoint}: ${(e as Error).message}`);
      }
      const show = Number(opts.show);
      if (!Number.isSafeInteger(show) || show < 0) throw new UsageError('--show takes a whole number');
      const verifier = readVerifier(opts.key);
      try {
        const report = await withSource(opts.url, (s) => checkConsistency(saved, s, { verifier, show }));
        const out = process.stdout;
        if (!report.consistent) {
          out.write(`INCONSISTENT ${report.old.origin}: ${report.message} [${report.code}]\n`);
          out.write(`  saved: size ${report.old.size}, root ${toBase64(report.old.root)}\n`);
          if (report.current) out.write(`  now:   size ${report.current.size}, root ${toBase64(report.current.root)}\n`);
          process.exitCode = EXIT.failed;
          return;
        }
        const { old, current, added } = report;
        out.write(`CONSISTENT ${current.origin}\n  saved: size ${old.size}, root ${toBase64(old.root)}\n  now:   size ${current.size}, root ${toBase64(current.root)}\n`);
        const grown = current.size - old.size;
        out.write(grown === 0 ? '  nothing was added\n' : `  ${grown} entries added${added.length < grown ? ` (the newest ${added.length} shown)` : ''}:\n`);
        for (const a of added) out.write(describeEntry(a.index, a.entry));
        if (!verifier) out.write(UNSIGNED_NOTE);
        if (opts.save) writeFileSync(opts.checkpoint, report.currentNote);
      } catch (e) {
        if (e instanceof LedgerError) return failed(e);
        throw e;
      }
    });

  log
    .command('proof')
    .description('Get an entry\'s inclusion proof under the current checkpoint and verify it. Exit 0 included, 1 not.')
    .option('--hash <leaf>', 'the entry\'s leaf hash, SHA-256(0x00 || entry), hex or base64')
    .option('--index <i>', 'the entry\'s index')
    .option('--url <base>', 'the log\'s microcred base URL (default: the configured database)')
    .option('--key <vkey>', 'the log verifier key; checks the checkpoint\'s signature')
    .option('--json', 'print the proof as JSON')
    .action(async (opts: { hash?: string; index?: string; url?: string; key?: string; json?: boolean }) => {
      if ((opts.hash === undefined) === (opts.index === undefined)) throw new UsageError('give either --hash or --index');
      const index = opts.index === undefined ? undefined : Number(opts.index);
      if (index !== undefined && (!Number.isSafeInteger(index) || index < 0)) throw new UsageError('--index takes a whole number');
      const verifier = readVerifier(opts.key);
      try {
        await withSource(opts.url, async (s) => {
          const note = await s.checkpoint();
          const cp = verifier ? verifyCheckpoint(note, { log: verifier }).checkpoint : parseCheckpoint(parseNote(note).text);
          const got = await s.inclusionProof(index ?? parseHash(opts.hash!), cp.size);
          const entry = await s.entry(got.index);
          const leaf = leafHash(entry);
          if (opts.hash !== undefined && !equalHashes(leaf, parseHash(opts.hash))) {
            throw new LedgerError('LEDGER_ENTRY_NOT_FOUND', `the log answered with entry #${got.index}, whose leaf hash is not ${opts.hash}`);
          }
          verifyInclusion(leaf, got.index, cp.size, got.proof, cp.root);
          const result = { index: got.index, treeSize: cp.size, leafHash: toHex(leaf), root: toBase64(cp.root), proof: got.proof.map(toBase64) };
          if (opts.json) {
            process.stdout.write(`${JSON.stringify({ ...result, checkpoint: note }, null, 2)}\n`);
            return;
          }
          process.stdout.write(`INCLUDED entry #${result.index} in ${cp.origin} at size ${cp.size}\n  leaf hash ${result.leafHash}\n  root      ${result.root}\n`);
          result.proof.forEach((h, i) => process.stdout.write(`  proof[${i}] ${h}\n`));
          if (!verifier) process.stdout.write(UNSIGNED_NOTE);
        });
      } catch (e) {
        if (e instanceof LedgerError) return failed(e);
        throw e;
      }
    });
}
