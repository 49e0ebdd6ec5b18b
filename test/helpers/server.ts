import type { AddressInfo } from 'node:net';
import { testApp } from './app.js';
import { findWebRoot } from '../../src/server/plugins/web.js';
import { ensureDemoTaxonomy } from '../../src/taxonomy/index.js';
import { seedDemoProgrammes } from '../../src/demo/index.js';

/**
 * The whole platform listening on a random local port, with the demo world and the built web app;
 * with `taxonomy` and `programmes`, also the demo taxonomy and programme, as `microcred serve` loads them.
 */
export async function startTestServer(opts: { taxonomy?: boolean; programmes?: boolean } = {}): Promise<{ url: string; close(): Promise<void> }> {
  if (!findWebRoot()) throw new Error('dist/web is missing: run `npm run build` (npm test does it first)');
  const t = await testApp({ demo: true, env: { AUTH_RATE_LIMIT: '1000' } });
  if (opts.taxonomy) await ensureDemoTaxonomy(t.database.db);
  if (opts.programmes) await seedDemoProgrammes(t.app.services.issuance);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => t.close() };
}
