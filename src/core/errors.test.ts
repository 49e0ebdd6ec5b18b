import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from './errors.js';

/** Rows of the markdown table in docs/ERRORS.md: `| \`code\` | status | title |`. */
function documentedCodes(): Map<string, { status: number; title: string }> {
  const md = readFileSync(new URL('../../docs/ERRORS.md', import.meta.url), 'utf8');
  const rows = [...md.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \| (.+?) \|$/gm)];
  return new Map(rows.map((m) => [m[1]!, { status: Number(m[2]), title: m[3]! }]));
}

describe('the error registry', () => {
  it('matches docs/ERRORS.md code for code, status for status and title for title', () => {
    const docs = documentedCodes();
    expect([...docs.keys()].sort()).toEqual(Object.keys(ERRORS).sort());
    for (const [code, def] of Object.entries(ERRORS)) expect(docs.get(code), code).toEqual(def);
  });

  it('uses snake_case codes and error statuses only', () => {
    for (const [code, { status }] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it('is the code list of the OpenAPI Problem schema', async () => {
    const { testApp } = await import('../../test/helpers/app.js');
    const t = await testApp();
    try {
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.components.schemas.Problem.properties.code.enum.sort()).toEqual(Object.keys(ERRORS).sort());
    } finally {
      await t.close();
    }
  });
});
