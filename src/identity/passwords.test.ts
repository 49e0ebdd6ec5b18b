import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';

const PASSWORD = 'correct horse battery staple';

describe('when a password is hashed', () => {
  it('verifies the same password and refuses a different one', async () => {
    const h = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('produces a self-describing scrypt hash that does not contain the password', async () => {
    const h = await hashPassword(PASSWORD);
    expect(h).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]{22}\$[\w-]{43}$/);
    expect(h).not.toContain(PASSWORD);
  });

  it('salts every hash, so two hashes of one password differ and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });
});

describe('when the same text arrives in different Unicode forms', () => {
  it('verifies NFC and NFD spellings of "Zoë" against each other', async () => {
    const nfc = 'Zoë-passphrase-2026'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(await verifyPassword(nfd, await hashPassword(nfc))).toBe(true);
    expect(await verifyPassword(nfc, await hashPassword(nfd))).toBe(true);
    expect(await verifyPassword('Zoe-passphrase-2026', await hashPassword(nfc))).toBe(false);
  });
});

describe('when the stored hash is malformed', () => {
  it('answers false rather than throwing, whatever is wrong with it', async () => {
    const good = await hashPassword(PASSWORD);
    const [, n, r, p, salt, key] = good.split('$');
    const malformed = {
      empty: '',
      'not a hash': 'garbage',
      'another algorithm': `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      'too few parts': `scrypt$${n}$${r}$${p}$${salt}`,
      'too many parts': `${good}$extra`,
      'non-numeric N': `scrypt$abc$${r}$${p}$${salt}$${key}`,
      'N not a power of two': `scrypt$1$${r}$${p}$${salt}$${key}`,
      'empty key': `scrypt$${n}$${r}$${p}$${salt}$`,
      'key that is not base64url': `scrypt$${n}$${r}$${p}$${salt}$!!!!`,
    };
    // Every case is tried, so a failure lists each wrong answer (true, or a throw) at once.
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [label, stored] of Object.entries(malformed)) {
      outcomes[label] = await verifyPassword(PASSWORD, stored).then(String, (e: Error) => `throws ${e.name}: ${e.message}`);
      expected[label] = 'false';
    }
    expect(outcomes).toEqual(expected);
  });
});

describe('when an email is unknown', () => {
  it('has a dummy hash, computed once, that no guess verifies against', async () => {
    const [a, b] = await Promise.all([dummyPasswordHash(), dummyPasswordHash()]);
    expect(a).toBe(b);
    expect(a).toMatch(/^scrypt\$/);
    expect(await verifyPassword('', a)).toBe(false);
    expect(await verifyPassword(PASSWORD, a)).toBe(false);
  });
});
