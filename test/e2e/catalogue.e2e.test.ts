import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/core/errors.js';

// The web app shows API errors by their stable code through its message catalogue.
const en = JSON.parse(readFileSync(new URL('../../web/src/i18n/en.json', import.meta.url), 'utf8')) as { errors: Record<string, string> };

describe('web message catalogue', () => {
  it('has a message for every API error code (errors.<code>)', () => {
    const missing = Object.keys(ERRORS).filter((code) => !en.errors[code]);
    expect(missing, 'add these to web/src/i18n/en.json under "errors"').toEqual([]);
  });
});
