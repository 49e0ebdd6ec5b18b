import { eq, sql } from 'drizzle-orm';
import { listCatalogue } from '../achievements/index.js';
import { schema } from '../db/index.js';
import { getOrganisationBySlug, findUserByEmail } from '../identity/index.js';
import { issueCredential, type IssuanceContext } from '../issuance/index.js';
import { createAgreement, createProgramme, decideCommitment, requestCommitment, setProgrammeStatus } from '../programmes/index.js';
import { DEMO_LEARNERS } from './world.js';

/** Arbitrary constant naming the advisory lock that serialises demo programme seeding. */
const DEMO_PROGRAMMES_LOCK = 7_311_204;
export const DEMO_PROGRAMME_CODE = 'LUM-NIT-DA';
/** The demo learner who has completed the demo programme. */
export const DEMO_GRADUATE = DEMO_LEARNERS[1]!;

/**
 * The demo programme, written for this project: Université de Lumière and
 * Northbridge stack their data micro-credentials into a Data Analytics
 * programme; Helix Health guarantees graduates an interview, Orbital Logistics
 * is asked for a scholarship (left for its people to confirm), Lumière
 * recognises the programme toward its MSc, and Northbridge recognises one
 * Skillforge course toward a BSc. One learner then earns the components, and
 * the programme credential is issued by the issuance hook, as for anyone.
 * Returns how many credentials it issued (components and programme).
 */
export async function seedDemoProgrammes(ctx: IssuanceContext, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  const { db } = ctx;
  const code = (c: string) => async () => (await listCatalogue(db)).find((a) => a.definition.humanCode === c)!;
  const [data, sql101, ml, cyber, pm] = await Promise.all(['LUM-DATA-101', 'NIT-DATA-105', 'LUM-ML-201', 'NIT-CYB-110', 'SF-PM-120'].map((c) => code(c)()));
  if (!data || !sql101 || !ml || !cyber || !pm) return 0;
  const [lumiere, northbridge, helix, orbital] = await Promise.all(['lumiere', 'northbridge', 'helix', 'orbital'].map((s) => getOrganisationBySlug(db, s)));
  const person = async (email: string) => (await findUserByEmail(db, email))!.id;
  // Looked up before the transaction: PGlite has one connection, so nothing may wait on it from inside.
  const [lumiereAdmin, helixRecruiter, northbridgeAdmin] = await Promise.all(['admin@lumiere.example', 'recruiter@helix.example', 'admin@northbridge.example'].map(person));

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_PROGRAMMES_LOCK})`);
    const [exists] = await tx
      .select({ id: schema.programmeVersions.programmeId })
      .from(schema.programmeVersions)
      .where(eq(sql`${schema.programmeVersions.definition}->>'humanCode'`, DEMO_PROGRAMME_CODE));
    if (exists) return;
    const by = lumiereAdmin;
    const p = await createProgramme(tx, {
      orgId: lumiere!.id,
      coOwnerOrgIds: [northbridge!.id],
      createdBy: by,
      definition: {
        title: 'Data Analytics Professional Programme',
        humanCode: DEMO_PROGRAMME_CODE,
        description: 'Two universities stack their data micro-credentials into one programme: analysis with Python, SQL, and a specialisation in machine learning or cloud security.',
        learningOutcomes: ['Clean, analyse and visualise data with Python and SQL', 'Build and evaluate a supervised model, or secure the cloud services that hold the data'],
        totalEcts: 12,
        eqfLevel: 6,
        achievementType: 'LearningProgram',
        rules: [
          { type: 'all', title: 'Core', achievementIds: [data.id, sql101.id] },
          { type: 'min_credits', title: 'Specialisation', credits: 5, achievementIds: [ml.id, cyber.id] },
        ],
      },
    });
    await setProgrammeStatus(tx, { orgId: lumiere!.id, programmeId: p.id, status: 'published', by });
    const interview = await requestCommitment(tx, {
      orgId: lumiere!.id,
      programmeId: p.id,
      by,
      request: { partnerOrgId: helix!.id, kind: 'guaranteed_interview', description: 'Every graduate is guaranteed a first-round interview for Helix Health data analyst roles.' },
    });
    await decideCommitment(tx, { partnerOrgId: helix!.id, commitmentId: interview.id, decision: 'confirmed', by: helixRecruiter, today });
    await requestCommitment(tx, {
      orgId: lumiere!.id,
      programmeId: p.id,
      by,
      request: { partnerOrgId: orbital!.id, kind: 'scholarship', description: 'Two scholarships a year covering the programme fees for Orbital Logistics employees.' },
    });
    const credit = await requestCommitment(tx, {
      orgId: lumiere!.id,
      programmeId: p.id,
      by,
      request: { partnerOrgId: lumiere!.id, kind: 'credit_recognition', description: 'Counts toward the MSc Data Science at Université de Lumière.', degree: 'MSc Data Science', ects: 12 },
    });
    await decideCommitment(tx, { partnerOrgId: lumiere!.id, commitmentId: credit.id, decision: 'confirmed', by, today });
    await createAgreement(tx, {
      orgId: northbridge!.id,
      by: northbridgeAdmin,
      agreement: { degree: 'BSc Business Computing', achievementId: pm.id, ects: 3, validFrom: today, note: 'Exempts the agile module of year two.' },
    });
  });

  // The graduate earns the components; the issuance hook awards the programme.
  const held = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(schema.credentials).where(eq(schema.credentials.recipientEmail, DEMO_GRADUATE.email)))[0]!.n;
  const before = await held();
  const components: [typeof data, string | undefined][] = [
    [data, 'B'],
    [sql101, '86'],
    [ml, ml.definition.resultDescriptions[0]?.allowedValue?.includes('Passed') ? 'Passed' : undefined],
  ];
  for (const [i, [a, result]] of components.entries()) {
    await issueCredential(ctx, {
      orgId: a.orgId,
      achievementId: a.id,
      recipient: { name: DEMO_GRADUATE.name, email: DEMO_GRADUATE.email },
      validFrom: new Date(Date.UTC(2026, 5, 1 + 30 * i)),
      result,
      idempotencyKey: `demo:${DEMO_GRADUATE.email}:${a.id}`,
    });
  }
  return (await held()) - before;
}
