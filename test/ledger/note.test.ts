import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addSignatures,
  generateNoteKey,
  LedgerError,
  loadOrCreateLogKey,
  logOrigin,
  noteKeyFromSeed,
  openNote,
  parseCheckpoint,
  parseSigningKey,
  parseVerifierKey,
  SIG_TYPE,
  signCheckpoint,
  signNote,
  verifyCheckpoint,
} from '../../src/ledger/index.js';
import { unhex } from './memory.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (e) {
    return e instanceof LedgerError ? e.code : `other: ${(e as Error).message}`;
  }
};

/*
 * The example key and note published with the Go reference implementation
 * of signed notes (golang.org/x/mod/sumdb/note, note_test.go), which C2SP
 * signed-note formalises. Ed25519 is deterministic, so our signature must
 * match it byte for byte.
 */
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('when using the published signed-note example', () => {
  it('derives the same verifier key and key ID from the signing key', () => {
    const key = parseSigningKey(GO_SKEY);
    expect(key.vkey).toBe(GO_VKEY);
    expect(key.skey).toBe(GO_SKEY);
    expect(key.signer.keyId.toString(16)).toBe('c74f20a3');
  });

  it('produces the published signature and opens the published note', () => {
    expect(signNote(GO_TEXT, [parseSigningKey(GO_SKEY).signer])).toBe(`${GO_TEXT}\n${GO_SIG}`);
    const v = parseVerifierKey(GO_VKEY);
    expect(openNote(`${GO_TEXT}\n${GO_SIG}`, [v]).text).toBe(GO_TEXT);
  });

  it('rejects the note once its text changes', () => {
    expect(code(() => openNote(`${GO_TEXT.replace('cryptography', 'cryptographY')}\n${GO_SIG}`, [parseVerifierKey(GO_VKEY)]))).toBe('LEDGER_NOTE_UNVERIFIED');
  });

  it('rejects mangled verifier keys', () => {
    for (const bad of [GO_VKEY.slice(0, -1), GO_VKEY.replace('c74f20a3', 'c74f20a4'), GO_VKEY.replace('+ARpc', '+AhRpc'), `x y+${GO_VKEY.split('+').slice(1).join('+')}`]) {
      expect(code(() => parseVerifierKey(bad)), bad).toBe('LEDGER_KEY_INVALID');
    }
  });
});

describe('when a note is opened', () => {
  const a = generateNoteKey('a.example/log');
  const b = generateNoteKey('b.example/log');

  it('ignores signatures of unknown keys but needs one known key', () => {
    const note = signNote('hello\n', [b.signer, a.signer]);
    expect(openNote(note, [a.verifier]).verifiedBy).toEqual([a.verifier]);
    expect(code(() => openNote(signNote('hello\n', [b.signer]), [a.verifier]))).toBe('LEDGER_NOTE_UNVERIFIED');
  });

  it('rejects the whole note when a known key signature is bad, even beside a good one', () => {
    const forged = `${signNote('hello\n', [a.signer])}${signNote('other\n', [b.signer]).split('\n\n')[1]}`;
    expect(code(() => openNote(forged, [a.verifier, b.verifier]))).toBe('LEDGER_NOTE_UNVERIFIED');
  });

  it.each([
    ['no blank line', 'hello\n— a.example/log AAAA\n'],
    ['no final newline', 'hello\n\n— a.example/log AAAAAAA='],
    ['a control character', 'hel\tlo\n\n— a.example/log AAAAAAA=\n'],
    ['a line that is not a signature', 'hello\n\nnot a signature\n'],
    ['non-canonical base64', 'hello\n\n— a.example/log AAAAAAB=\n'],
  ])('rejects a note with %s as malformed', (_n, note) => {
    expect(code(() => openNote(note, [a.verifier]))).toBe('LEDGER_NOTE_MALFORMED');
  });
});

describe('when a checkpoint is signed', () => {
  const origin = 'credentials.example/log';
  const log = generateNoteKey(origin);
  const root = unhex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  const note = signCheckpoint({ origin, size: 8, root, extensions: [] }, log.signer);

  it('has the C2SP tlog-checkpoint shape', () => {
    expect(note.split('\n').slice(0, 4)).toEqual([origin, '8', 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=', '']);
    expect(note).toMatch(new RegExp(`\\n— ${origin} [A-Za-z0-9+/]{91}=\\n$`));
  });

  it('verifies under the log key and reads back', () => {
    expect(verifyCheckpoint(note, { log: log.verifier }).checkpoint).toEqual({ origin, size: 8, root, extensions: [] });
  });

  it('fails under another log key or another origin', () => {
    expect(code(() => verifyCheckpoint(note, { log: generateNoteKey(origin).verifier }))).toBe('LEDGER_NOTE_UNVERIFIED');
    const other = generateNoteKey('other.example/log');
    const foreign = signNote(`${origin}\n8\n${Buffer.from(root).toString('base64')}\n`, [other.signer]);
    expect(code(() => verifyCheckpoint(foreign, { log: other.verifier }))).toBe('LEDGER_ORIGIN_MISMATCH');
  });

  it.each([
    ['a leading zero in the size', 'o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n'],
    ['a negative size', 'o\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n'],
    ['a short root', 'o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQ==\n'],
    ['no root', 'o\n8\n'],
    ['an empty extension line', 'o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n'],
  ])('rejects a body with %s', (_n, text) => {
    expect(code(() => parseCheckpoint(text))).toBe('LEDGER_NOTE_MALFORMED');
  });

  describe('and co-signed by witnesses (C2SP tlog-cosignature, cosignature/v1)', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    const w1 = generateNoteKey('w1.example/witness', SIG_TYPE.cosignatureV1, () => at);
    const w2 = generateNoteKey('w2.example/witness', SIG_TYPE.cosignatureV1, () => at);
    const cosigned = addSignatures(note, [w1.signer]);

    it('writes a timestamped signature line under a type 0x04 key ID', () => {
      const line = cosigned.trimEnd().split('\n').at(-1)!;
      const raw = Buffer.from(line.split(' ')[2]!, 'base64');
      expect(raw.length).toBe(4 + 8 + 64);
      expect(raw.readUInt32BE(0)).toBe(w1.signer.keyId);
      expect(raw.readBigUInt64BE(4)).toBe(BigInt(at.getTime() / 1000));
      expect(parseVerifierKey(w1.vkey).keyId).toBe(w1.signer.keyId);
      expect(noteKeyFromSeed('w1.example/witness', new Uint8Array(32), SIG_TYPE.ed25519).signer.keyId).not.toBe(
        noteKeyFromSeed('w1.example/witness', new Uint8Array(32), SIG_TYPE.cosignatureV1).signer.keyId,
      );
    });

    it('counts verified witnesses towards the quorum', () => {
      const witnesses = [parseVerifierKey(w1.vkey), parseVerifierKey(w2.vkey)];
      expect(verifyCheckpoint(cosigned, { log: log.verifier, witnesses, quorum: 1 }).witnesses).toEqual(['w1.example/witness']);
      expect(code(() => verifyCheckpoint(cosigned, { log: log.verifier, witnesses, quorum: 2 }))).toBe('LEDGER_WITNESS_QUORUM');
      expect(verifyCheckpoint(addSignatures(cosigned, [w2.signer]), { log: log.verifier, witnesses, quorum: 2 }).witnesses).toHaveLength(2);
    });

    it('rejects a cosignature whose timestamp was changed', () => {
      const lines = cosigned.trimEnd().split('\n');
      const raw = Buffer.from(lines.at(-1)!.split(' ')[2]!, 'base64');
      raw.writeBigUInt64BE(raw.readBigUInt64BE(4) + 1n, 4);
      const tampered = `${lines.slice(0, -1).join('\n')}\n— w1.example/witness ${raw.toString('base64')}\n`;
      expect(code(() => verifyCheckpoint(tampered, { log: log.verifier, witnesses: [parseVerifierKey(w1.vkey)] }))).toBe('LEDGER_NOTE_UNVERIFIED');
    });

    it('does not accept a witness signature in place of the log signature', () => {
      const onlyWitness = addSignatures(signNote(note.split('\n\n')[0]! + '\n', [generateNoteKey(origin).signer]), [w1.signer]);
      expect(code(() => verifyCheckpoint(onlyWitness, { log: log.verifier, witnesses: [parseVerifierKey(w1.vkey)] }))).toBe('LEDGER_NOTE_UNVERIFIED');
    });
  });
});

describe('when the origin comes from the public URL', () => {
  it('drops the scheme and adds /log', () => {
    expect(logOrigin('https://credentials.example.org')).toBe('credentials.example.org/log');
    expect(logOrigin('http://localhost:3000/')).toBe('localhost:3000/log');
  });
});

describe('when the log key file is used', () => {
  it('is created once, readable by its owner only, and read back as the same key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-logkey-'));
    try {
      const file = path.join(dir, 'keys', 'log.key');
      const created = loadOrCreateLogKey(file, 'a.example/log');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const again = loadOrCreateLogKey(file, 'b.example/log');
      expect(again.vkey).toBe(created.vkey);
      expect(again.signer.name).toBe('a.example/log');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
