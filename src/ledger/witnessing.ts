import { LedgerError } from './errors.js';
import type { Hash } from './hash.js';
import { parseCheckpoint } from './checkpoint.js';
import { type NoteVerifier, openNote, parseNote, parseVerifierKey } from './note.js';
import { formatAddCheckpoint } from './witness.js';

/**
 * The log's side of C2SP tlog-witness: after signing a checkpoint, the log
 * sends it with a consistency proof to each configured witness and adds the
 * cosignature lines they return to the note it publishes.
 */

/** A witness the log asks: its cosignature/v1 verifier key and its submission prefix. */
export interface WitnessEndpoint {
  verifier: NoteVerifier;
  /** The verifier key as configured (`<name>+<id>+<key>`). */
  vkey: string;
  /** The submission prefix; requests go to `<url>/add-checkpoint`. */
  url: string;
}

export interface CosignOutcome {
  witness: string;
  ok: boolean;
  /** Why the witness refused, or why its answer was not used. */
  reason?: string;
}

export interface Cosigner {
  witnesses: readonly WitnessEndpoint[];
  /** Returns the note with every cosignature that verified appended, and each witness's outcome. */
  cosign(note: string): Promise<{ note: string; outcomes: CosignOutcome[] }>;
}

/**
 * Parses witness configuration: entries separated by commas or newlines, each
 * `<verifier key> <submission URL>` (`witness.example+1a2b3c4d+BA… https://witness.example/`).
 */
export function parseWitnessList(text: string): WitnessEndpoint[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [vkey, url, ...rest] = item.split(/\s+/);
      if (!vkey || !url || rest.length) throw new LedgerError('LEDGER_KEY_INVALID', `a witness is "<verifier key> <URL>", not ${JSON.stringify(item)}`);
      const verifier = parseVerifierKey(vkey);
      if (!/^https?:\/\//.test(url)) throw new LedgerError('LEDGER_KEY_INVALID', `the witness URL ${url} is not http(s)`);
      return { verifier, vkey, url: url.replace(/\/+$/, '') };
    });
}

export interface CosignerOptions {
  witnesses: readonly WitnessEndpoint[];
  /** Consistency proof between two sizes of this log. */
  prove(from: number, to: number): Promise<Hash[]>;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

export function createCosigner(opts: CosignerOptions): Cosigner {
  const fetchFn = opts.fetch ?? globalThis.fetch;
  // The size each witness last co-signed, as far as this process knows; a 409 answer corrects it.
  const known = new Map<string, number>();

  async function ask(w: WitnessEndpoint, note: string, size: number): Promise<{ lines: string } | { reason: string }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const old = Math.min(known.get(w.verifier.name) ?? 0, size);
      const proof = old > 0 && old < size ? await opts.prove(old, size) : [];
      let res: Response;
      try {
        res = await fetchFn(`${w.url}/add-checkpoint`, {
          method: 'POST',
          body: formatAddCheckpoint({ oldSize: old, proof, checkpoint: note }),
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
        });
      } catch (e) {
        return { reason: `unreachable: ${(e as Error).message}` };
      }
      const body = await res.text();
      if (res.status === 409 && /^text\/x\.tlog\.size/.test(res.headers.get('content-type') ?? '')) {
        const at = Number(body.trim());
        if (!Number.isSafeInteger(at) || at < 0) return { reason: `answered 409 without a size` };
        known.set(w.verifier.name, at);
        if (at > size) return { reason: `the witness co-signed size ${at}, larger than this checkpoint's ${size}${why(res)}` };
        if (at === old) return { reason: `refused (409)${why(res)}` };
        continue;
      }
      if (res.status !== 200) return { reason: `refused with HTTP ${res.status}${why(res)}${body && !body.startsWith('—') ? `: ${body.trim().slice(0, 300)}` : ''}` };
      const lines = body.split('\n').filter((l) => l.startsWith(`— ${w.verifier.name} `));
      if (lines.length === 0) return { reason: 'answered without a cosignature of its key' };
      const joined = lines.map((l) => `${l}\n`).join('');
      try {
        // Only lines that verify under the configured key are kept (tlog-witness: ignore unknown keys).
        const { verifiedBy } = openNote(`${parseNote(note).text}\n${joined}`, [w.verifier]);
        if (!verifiedBy.includes(w.verifier)) return { reason: 'its cosignature does not verify' };
      } catch (e) {
        return { reason: `its cosignature does not verify: ${(e as Error).message}` };
      }
      known.set(w.verifier.name, size);
      return { lines: joined };
    }
    return { reason: 'the witness kept changing its size' };
  }

  return {
    witnesses: opts.witnesses,
    async cosign(note) {
      const { text, signatures } = parseNote(note);
      const { size } = parseCheckpoint(text);
      // A witness whose cosignature is already on the note is not asked again.
      const has = (w: WitnessEndpoint) => signatures.some((s) => s.name === w.verifier.name && s.keyId === w.verifier.keyId);
      const answers = await Promise.all(opts.witnesses.map((w) => (has(w) ? Promise.resolve({ already: true as const }) : ask(w, note, size))));
      let out = note;
      const outcomes = answers.map((a, i): CosignOutcome => {
        const witness = opts.witnesses[i]!.verifier.name;
        if ('already' in a) return { witness, ok: true };
        if ('lines' in a) {
          out += a.lines;
          return { witness, ok: true };
        }
        return { witness, ok: false, reason: a.reason };
      });
      return { note: out, outcomes };
    },
  };
}

function why(res: Response): string {
  const r = res.headers.get('witness-refusal');
  return r ? ` (${r})` : '';
}
