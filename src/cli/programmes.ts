import path from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../core/clock.js';
import { loadMasterKey } from '../credentials/index.js';
import type { Db } from '../db/index.js';
import { DbKeyStore, type IssuanceContext } from '../issuance/index.js';
import { awardCompletedProgrammes, creditTranscript, learnerProgress, listPublishedProgrammes, programmeAwarder, type ProgrammeRule } from '../programmes/index.js';
import { findLearner, withDb } from './context.js';

/** A learner's account id by id or email. */
const learnerId = async (db: Db, ref: string) => (await findLearner(db, ref)).id;

const ruleText = (r: ProgrammeRule, names: (id: string) => string) =>
  `${r.type === 'all' ? 'all of' : r.type === 'n_of' ? `${r.n} of` : `${r.credits} ECTS from`} ${r.achievementIds.map(names).join(', ')}`;

/** `microcred programmes list|progress|award` and `microcred transcript`. */
export function registerProgrammeCommands(program: Command): void {
  const programmes = program.command('programmes').description('Programmes that stack micro-credentials.');

  programmes
    .command('list')
    .description('Published programmes: id, owners, ECTS, title and rules.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withDb(async (db) => {
        const items = await listPublishedProgrammes(db);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(items.map((p) => ({ id: p.id, version: p.version, owners: p.owners.map((o) => o.slug), title: p.definition.title, totalEcts: p.definition.totalEcts, rules: p.definition.rules, commitments: p.commitments.filter((c) => c.status === 'confirmed').map((c) => ({ partner: c.partner.slug, kind: c.kind, description: c.description })) })), null, 2)}\n`);
          return;
        }
        if (items.length === 0) process.stdout.write('no published programmes\n');
        for (const p of items) {
          process.stdout.write(`${p.id}  ${p.owners.map((o) => o.slug).join('+').padEnd(22)} ${String(p.definition.totalEcts).padStart(4)} ECTS  ${p.definition.title}\n`);
          for (const r of p.definition.rules) process.stdout.write(`    ${r.title ? `${r.title}: ` : ''}${ruleText(r, (id) => id.slice(0, 8))}\n`);
        }
      });
    });

  programmes
    .command('progress')
    .description("A learner's progress in every published programme, rule by rule.")
    .requiredOption('--learner <id-or-email>', 'the learner')
    .option('--json', 'print JSON')
    .action(async (opts: { learner: string; json?: boolean }) => {
      await withDb(async (db) => {
        const items = await learnerProgress(db, await learnerId(db, opts.learner), new Date());
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(items.map((s) => ({ programmeId: s.programme.id, title: s.programme.definition.title, complete: s.progress.complete, creditsHeld: s.progress.creditsHeld, awardedCredentialId: s.awardedCredentialId, rules: s.progress.rules })), null, 2)}\n`);
          return;
        }
        for (const s of items) {
          const name = (id: string) => s.achievements[id]?.name ?? id;
          process.stdout.write(`${s.programme.definition.title}: ${s.progress.complete ? 'complete' : 'in progress'} (${s.progress.creditsHeld} ECTS held)${s.awardedCredentialId ? `, credential ${s.awardedCredentialId}` : ''}\n`);
          for (const r of s.progress.rules) {
            process.stdout.write(`  [${r.satisfied ? 'x' : ' '}] ${ruleText(r.rule, name)} — ${r.achieved}/${r.required}${r.missing.length && !r.satisfied ? `; missing: ${r.missing.map(name).join(', ')}` : ''}\n`);
          }
        }
      });
    });

  programmes
    .command('award')
    .description('Issue the programme credentials a learner has earned and not yet received (also done on every issuance).')
    .requiredOption('--learner <id-or-email>', 'the learner')
    .action(async (opts: { learner: string }) => {
      await withDb(async (db, config) => {
        const masterKey = loadMasterKey({ envValue: config.masterKey, keyFilePath: path.join(config.dataDir, 'master.key') });
        const ctx: IssuanceContext = { db, publicUrl: config.publicUrl, keys: new DbKeyStore(db, masterKey, systemClock), clock: systemClock };
        ctx.afterIssue = programmeAwarder(ctx);
        const awards = await awardCompletedProgrammes(ctx, await learnerId(db, opts.learner));
        if (awards.length === 0) process.stdout.write('no completed programmes\n');
        for (const a of awards) process.stdout.write(`programme ${a.programmeId}: credential ${a.credentialId} ${a.created ? 'issued' : 'already issued'}\n`);
      });
    });

  program
    .command('transcript')
    .description("A learner's credit transcript: per institution and degree, what counts and the total ECTS.")
    .requiredOption('--learner <id-or-email>', 'the learner')
    .option('--json', 'print JSON')
    .action(async (opts: { learner: string; json?: boolean }) => {
      await withDb(async (db) => {
        const degrees = await creditTranscript(db, await learnerId(db, opts.learner), new Date());
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ degrees }, null, 2)}\n`);
          return;
        }
        if (degrees.length === 0) process.stdout.write('no recognised credit\n');
        for (const d of degrees) {
          process.stdout.write(`${d.degree} — ${d.institution.name}: ${d.totalEcts} ECTS\n`);
          for (const e of d.entries) process.stdout.write(`  ${String(e.ects).padStart(5)} ECTS  ${e.name} (${e.kind})\n`);
          for (const i of d.includedInProgramme) process.stdout.write(`      —       ${i.name} (counted within ${i.programmeName})\n`);
        }
      });
    });
}
