import { listCatalogue } from '../achievements/index.js';
import { issueCredential, type IssuanceContext } from '../issuance/index.js';
import { DEMO_LEARNERS } from './world.js';

/**
 * Issues the demo world's credentials through the real issuance path (signed,
 * status-indexed, logged), so a fresh start has a wallet to show and a
 * non-empty transparency log. Idempotency keys make re-runs issue nothing.
 */
export async function seedDemoCredentials(ctx: IssuanceContext): Promise<number> {
  const catalogue = await listCatalogue(ctx.db);
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
