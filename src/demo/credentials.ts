import { listCatalogue } from '../achievements/index.js';
import { schema } from '../db/index.js';
import { issueCredential, type IssuanceContext } from '../issuance/index.js';
import { DEMO_LEARNERS } from './world.js';

/**
 * Issues the demo world's credentials through the real issuance path (signed,
 * status-indexed, logged), so a fresh start has a wallet to show and a
 * non-empty transparency log. Idempotency keys make re-runs issue nothing.
 */
/** The achievements the demo learners hold; the rest of the catalogue is there to be planned and taken. */
export const DEMO_CREDENTIAL_CODES = ['LUM-DATA-101', 'LUM-ML-201', 'NIT-CYB-110', 'NIT-DATA-105', 'SF-PM-120', 'SF-SCM-210'];

export async function seedDemoCredentials(ctx: IssuanceContext): Promise<number> {
  // Programme credentials are earned by stacking, never handed out directly.
  const programmeAchievements = new Set((await ctx.db.select({ id: schema.programmes.achievementId }).from(schema.programmes)).map((r) => r.id));
  // A fixed order (the catalogue's order within a provider is the database's), so a restart picks the same.
  const key = (a: Awaited<ReturnType<typeof listCatalogue>>[number]) => `${a.provider.name}\u0000${a.definition.humanCode ?? a.definition.name}`;
  const catalogue = (await listCatalogue(ctx.db))
    .filter((a) => !programmeAchievements.has(a.id) && DEMO_CREDENTIAL_CODES.includes(a.definition.humanCode ?? ''))
    .sort((a, b) => key(a).localeCompare(key(b)));
  let created = 0;
  // Every second learner holds one or two credentials, spread across providers.
  for (const [i, learner] of DEMO_LEARNERS.entries()) {
    if (i % 2 === 1) continue;
    const picks = [catalogue[i % catalogue.length]!, ...(i % 4 === 0 ? [catalogue[(i + 3) % catalogue.length]!] : [])];
    for (const a of picks) {
      const allowed = a.definition.resultDescriptions[0]?.allowedValue;
      const r = await issueCredential(ctx, {
        orgId: a.orgId,
        achievementId: a.id,
        recipient: { name: learner.name, email: learner.email },
        validFrom: new Date(Date.UTC(2026, 8, 1 + i)),
        result: allowed ? (allowed.includes('Passed') ? 'Passed' : allowed[i % 3]) : undefined,
        idempotencyKey: `demo:${learner.email}:${a.id}`,
      });
      if (r.created) created++;
    }
  }
  return created;
}
