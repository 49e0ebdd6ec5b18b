import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Command } from 'commander';
import { createWitness, fileWitnessState, LedgerError, loadOrCreateWitnessKey, type NoteVerifier, parseVerifierKey, type Witness } from '../ledger/index.js';
import { UsageError } from './output.js';

const MAX_BODY = 64 * 1024;

/**
 * The witness's HTTP interface (C2SP tlog-witness): `POST /add-checkpoint`.
 * A refusal carries its reason in a `Witness-Refusal` header and, except for
 * the 409 answers whose body the spec fixes (`text/x.tlog.size`), in the body.
 */
export function witnessListener(witness: Witness, onAnswer?: (line: string) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url !== '/add-checkpoint') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: this is a tlog-witness; POST /add-checkpoint\n`);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' }).end('POST only\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('request too large\n');
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      witness.addCheckpoint(Buffer.concat(chunks).toString('utf8')).then(
        (a) => {
          if (a.ok) {
            onAnswer?.(`co-signed size ${a.size}`);
            res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(a.cosignatures);
            return;
          }
          onAnswer?.(`refused (${a.status} ${a.code}): ${a.reason}`);
          const refusal = `${a.code}; ${a.reason}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 500);
          if (a.status === 409 && a.size !== undefined) {
            res.writeHead(409, { 'content-type': 'text/x.tlog.size', 'witness-refusal': refusal }).end(`${a.size}\n`);
          } else {
            res.writeHead(a.status, { 'content-type': 'text/plain; charset=utf-8', 'witness-refusal': refusal }).end(`${a.code}: ${a.reason}\n`);
          }
        },
        (e: unknown) => {
          onAnswer?.(`error: ${(e as Error).message}`);
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error\n');
        },
      );
    });
  };
}

/** Starts a witness HTTP server; resolves when listening. */
export async function startWitnessServer(witness: Witness, opts: { port: number; host: string; onAnswer?: (line: string) => void }): Promise<{ server: Server; url: string }> {
  const server = createServer(witnessListener(witness, opts.onAnswer));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}` };
}

export function registerWitnessCommands(program: Command): void {
  program
    .command('witness')
    .description('Run a transparency-log witness (C2SP tlog-witness): co-sign checkpoints of the given logs that extend the last one co-signed, refuse any other.')
    .requiredOption('--log <vkey>', 'verifier key of a log to witness (<origin>+<id>+<key>, as `serve` prints it); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--key <file>', 'the witness signing key file (created on first start)', 'witness.key')
    .option('--name <name>', 'the witness name, when the key file is created (e.g. witness.example.org)')
    .option('--state <dir>', 'where the last co-signed checkpoint of each log is kept', 'witness-state')
    .option('-p, --port <port>', 'port to listen on', '3001')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (opts: { log: string[]; key: string; name?: string; state: string; port: string; host: string }) => {
      let logs: NoteVerifier[];
      try {
        logs = opts.log.map(parseVerifierKey);
      } catch (e) {
        throw new UsageError(`--log: ${(e as Error).message}`);
      }
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number');
      let key;
      try {
        key = loadOrCreateWitnessKey(path.resolve(opts.key), opts.name ?? `${opts.host}/witness`);
      } catch (e) {
        if (e instanceof LedgerError) throw new UsageError(`--key ${opts.key}: ${e.message}`);
        throw e;
      }
      const witness = createWitness({ key: key.signer, logs, state: fileWitnessState(path.resolve(opts.state)) });
      const out = process.stdout;
      const { server, url } = await startWitnessServer(witness, { port, host: opts.host, onAnswer: (line) => out.write(`${new Date().toISOString()} ${line}\n`) });
      out.write(`witness ${key.signer.name} listening on ${url}/add-checkpoint\n  witness verifier key: ${key.vkey}\n`);
      out.write(`  witnessing: ${logs.map((l) => l.name).join(', ')}\n  configure the log with LOG_WITNESSES="${key.vkey} ${url}"\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
}
