import type { Config } from '../core/config.js';
import { systemClock } from '../core/clock.js';
import path from 'node:path';
import { loadMasterKey } from '../credentials/index.js';
import { connectFromConfig } from '../db/index.js';
import { seedDemo, seedDemoCredentials, seedDemoProgrammes } from '../demo/index.js';
import { awardAllCompleted } from '../programmes/index.js';
import { createCosigner, loadOrCreateLogKey, logOrigin, parseWitnessList, proveConsistency, startSequencer } from '../ledger/index.js';
import { ensureDemoTaxonomy } from '../taxonomy/index.js';
import { buildApp } from '../server/app.js';
import { findWebRoot } from '../server/plugins/web.js';

/** Starts the platform: database, migrations, demo world on first start, then HTTP. Resolves when listening. */
export async function serve(config: Config): Promise<{ close(): Promise<void>; url: string }> {
  const database = await connectFromConfig(config);
  await database.migrate();
  // The built-in demo taxonomy makes skills features work without any download (idempotent).
  await ensureDemoTaxonomy(database.db);
  const out = process.stdout;
  if (config.demo) {
    const demo = await seedDemo(database.db);
    if (demo.created) {
      out.write(`\nDemo world created. Every demo account's password is: ${demo.password}\n`);
      const width = Math.max(...demo.accounts.map((a) => a.email.length));
      for (const a of demo.accounts.filter((x) => x.role !== 'learner')) out.write(`  ${a.email.padEnd(width)}  ${a.role}\n`);
      const learners = demo.accounts.filter((x) => x.role === 'learner');
      out.write(`  …and ${learners.length} learners, e.g. ${learners[0]!.email}, ${learners[1]!.email} (full list in README.md)\n\n`);
    }
  }
  const masterKey = loadMasterKey({ envValue: config.masterKey, keyFilePath: path.join(config.dataDir, 'master.key') });
  const app = await buildApp({ config, database, clock: systemClock, masterKey });
  if (config.demo) {
    const issued = await seedDemoCredentials(app.services.issuance);
    if (issued) out.write(`Issued ${issued} demo credentials to demo learners.\n`);
    const stacked = await seedDemoProgrammes(app.services.issuance);
    if (stacked) out.write(`Issued ${stacked} credentials for the demo programme (its components and the programme credential).\n`);
  }
  const logKey = loadOrCreateLogKey(path.join(config.dataDir, 'log.key'), logOrigin(config.publicUrl));
  // Witnesses (LOG_WITNESSES) co-sign each checkpoint before it is published; one that refuses is logged, not fatal.
  const witnesses = config.logWitnesses ? parseWitnessList(config.logWitnesses) : [];
  const cosigner = witnesses.length ? createCosigner({ witnesses, prove: (from, to) => proveConsistency(database.db, from, to) }) : undefined;
  const cosign = cosigner
    ? async (note: string) => {
        const r = await cosigner.cosign(note);
        for (const o of r.outcomes.filter((x) => !x.ok)) app.log.warn({ witness: o.witness, reason: o.reason }, 'a witness did not co-sign the checkpoint');
        return r.note;
      }
    : undefined;
  const sequencer = startSequencer({ db: database.db, logKey: logKey.signer, cosign, onError: (e) => app.log.error({ err: e }, 'transparency log sequencer') });
  await app.listen({ port: config.port, host: config.host });
  app.services.jobs.start();
  // Catch-up for programme credentials whose award was cut short (the process stopped between
  // a component's commit and the award): idempotent, so it issues only what is missing.
  void awardAllCompleted(app.services.issuance).then(
    (awards) => {
      const n = awards.filter((a) => a.created).length;
      if (n) app.log.info({ awarded: n }, 'programme credentials awarded on start');
    },
    (err: unknown) => app.log.error({ err }, 'programme catch-up on start failed'),
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  out.write(`microcred is running on ${url} (database: ${database.kind}, ${database.location})\n`);
  out.write(`  web app ${url}/  ·  API docs ${url}/api/docs  ·  OpenAPI ${url}/api/openapi.json\n`);
  out.write(`  transparency log ${url}/log/checkpoint  ·  log verifier key: ${logKey.vkey}\n`);
  if (!findWebRoot()) out.write('  note: the web app is not built; run `npm run build` to serve it.\n');
  return {
    url,
    async close() {
      await sequencer.stop();
      await app.close();
      await database.close();
    },
  };
}
