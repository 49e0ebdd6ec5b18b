import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { type DbOrTx, schema } from '../db/index.js';
import { getUser } from '../identity/index.js';
import type { RecognitionInput } from './definition.js';
import { learnerHoldings } from './awards.js';
import { achievementFacts, getProgramme, ruleAchievementIds } from './service.js';

const { recognitionAgreements, organisations, programmes, programmeVersions } = schema;

export interface RecognitionAgreement {
  id: string;
  institution: { id: string; name: string; slug: string };
  degree: string;
  programmeId: string | null;
  achievementId: string | null;
  /** The recognised programme's or achievement's name. */
  targetName: string;
  ects: number;
  validFrom: string;
  validUntil: string | null;
  note: string | null;
  commitmentId: string | null;
  withdrawnAt: Date | null;
  createdAt: Date;
}

/** Institutions that award degrees: providers (universities) and quality-assurance bodies. */
export const INSTITUTION_KINDS = ['provider', 'qa_body'] as const;

export async function createAgreement(db: DbOrTx, input: { orgId: string; agreement: RecognitionInput; by?: string }): Promise<RecognitionAgreement> {
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, input.orgId));
  if (!org) throw new AppError('not_found', 'No such organisation.');
  if (!(INSTITUTION_KINDS as readonly string[]).includes(org.kind)) throw new AppError('forbidden', 'Only institutions (providers, quality-assurance bodies) recognise credit.');
  const a = input.agreement;
  if (a.programmeId) {
    const p = await getProgramme(db, a.programmeId).catch(() => undefined);
    if (!p || p.status === 'draft') throw new AppError('invalid_request', 'No such published programme.', { errors: [{ path: 'body.programmeId', message: 'Not a published programme.' }] });
  } else {
    const f = (await achievementFacts(db, [a.achievementId!])).get(a.achievementId!);
    if (!f || f.status !== 'published') throw new AppError('invalid_request', 'No such published achievement.', { errors: [{ path: 'body.achievementId', message: 'Not a published achievement.' }] });
  }
  const [row] = await db
    .insert(recognitionAgreements)
    .values({
      institutionOrgId: input.orgId,
      degree: a.degree,
      programmeId: a.programmeId ?? null,
      achievementId: a.achievementId ?? null,
      ects: a.ects,
      validFrom: a.validFrom,
      validUntil: a.validUntil ?? null,
      note: a.note ?? null,
      createdBy: input.by ?? null,
    })
    .returning();
  return (await listAgreementRows(db, [eq(recognitionAgreements.id, row!.id)]))[0]!;
}

export async function withdrawAgreement(db: DbOrTx, orgId: string, agreementId: string): Promise<RecognitionAgreement> {
  const [row] = await db
    .update(recognitionAgreements)
    .set({ withdrawnAt: new Date() })
    .where(and(eq(recognitionAgreements.id, agreementId), eq(recognitionAgreements.institutionOrgId, orgId), isNull(recognitionAgreements.withdrawnAt)))
    .returning();
  if (!row) throw new AppError('not_found', 'No such standing agreement of this organisation.');
  return (await listAgreementRows(db, [eq(recognitionAgreements.id, row.id)]))[0]!;
}

/** The institution's agreements, withdrawn ones included. */
export function listAgreements(db: DbOrTx, orgId: string): Promise<RecognitionAgreement[]> {
  return listAgreementRows(db, [eq(recognitionAgreements.institutionOrgId, orgId)]);
}

/** Agreements in force on `today` (YYYY-MM-DD), of every institution. */
export async function agreementsInForce(db: DbOrTx, today: string): Promise<RecognitionAgreement[]> {
  const all = await listAgreementRows(db, [isNull(recognitionAgreements.withdrawnAt)]);
  return all.filter((a) => a.validFrom <= today && (!a.validUntil || a.validUntil >= today));
}

async function listAgreementRows(db: DbOrTx, where: ReturnType<typeof eq>[]): Promise<RecognitionAgreement[]> {
  const rows = await db
    .select({ a: recognitionAgreements, o: organisations })
    .from(recognitionAgreements)
    .innerJoin(organisations, eq(organisations.id, recognitionAgreements.institutionOrgId))
    .where(and(...where))
    .orderBy(asc(recognitionAgreements.degree), asc(recognitionAgreements.createdAt));
  const progIds = rows.flatMap((r) => (r.a.programmeId ? [r.a.programmeId] : []));
  const achIds = rows.flatMap((r) => (r.a.achievementId ? [r.a.achievementId] : []));
  const progNames = new Map<string, string>();
  if (progIds.length) {
    const ps = await db
      .select({ id: programmes.id, definition: programmeVersions.definition })
      .from(programmes)
      .innerJoin(programmeVersions, and(eq(programmeVersions.programmeId, programmes.id), eq(programmeVersions.version, programmes.currentVersion)))
      .where(inArray(programmes.id, progIds));
    for (const p of ps) progNames.set(p.id, (p.definition as { title: string }).title);
  }
  const achs = await achievementFacts(db, achIds);
  return rows.map(({ a, o }) => ({
    id: a.id,
    institution: { id: o.id, name: o.name, slug: o.slug },
    degree: a.degree,
    programmeId: a.programmeId,
    achievementId: a.achievementId,
    targetName: a.programmeId ? (progNames.get(a.programmeId) ?? '') : (achs.get(a.achievementId!)?.definition.name ?? ''),
    ects: a.ects,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    note: a.note,
    commitmentId: a.commitmentId,
    withdrawnAt: a.withdrawnAt,
    createdAt: a.createdAt,
  }));
}

export interface TranscriptEntry {
  agreementId: string;
  kind: 'programme' | 'achievement';
  targetId: string;
  name: string;
  ects: number;
  /** The learner's credential that earns the credit. */
  credentialId: string;
}

export interface TranscriptDegree {
  institution: { id: string; name: string; slug: string };
  degree: string;
  entries: TranscriptEntry[];
  /** Achievements whose credit is already inside a counted programme, so not counted again. */
  includedInProgramme: { achievementId: string; name: string; programmeName: string }[];
  totalEcts: number;
}

/**
 * A learner's credit transcript on `today`: per institution and degree, which
 * of their valid credentials count and for how much. A programme's credit
 * includes its components, so an achievement recognised on its own is not
 * counted again toward the same degree when a programme containing it is.
 */
export async function creditTranscript(db: DbOrTx, learnerId: string, now: Date): Promise<TranscriptDegree[]> {
  const learner = await getUser(db, learnerId);
  const holdings = await learnerHoldings(db, learner, now);
  const today = now.toISOString().slice(0, 10);
  const agreements = await agreementsInForce(db, today);
  const progIds = [...new Set(agreements.flatMap((a) => (a.programmeId ? [a.programmeId] : [])))];
  const progs = new Map<string, Awaited<ReturnType<typeof getProgramme>>>();
  for (const id of progIds) progs.set(id, await getProgramme(db, id));
  const groups = new Map<string, TranscriptDegree>();
  const group = (a: RecognitionAgreement) => {
    const k = `${a.institution.id}\u0000${a.degree}`;
    if (!groups.has(k)) groups.set(k, { institution: a.institution, degree: a.degree, entries: [], includedInProgramme: [], totalEcts: 0 });
    return groups.get(k)!;
  };
  for (const a of agreements) {
    if (!a.programmeId) continue;
    const p = progs.get(a.programmeId)!;
    const cred = p.achievementId ? holdings.get(p.achievementId)?.[0] : undefined;
    if (!cred) continue;
    group(a).entries.push({ agreementId: a.id, kind: 'programme', targetId: p.id, name: p.definition.title, ects: a.ects, credentialId: cred });
  }
  for (const a of agreements) {
    if (!a.achievementId) continue;
    const cred = holdings.get(a.achievementId)?.[0];
    if (!cred) continue;
    const g = group(a);
    const inside = g.entries.find((e) => e.kind === 'programme' && ruleAchievementIds(progs.get(e.targetId)!.definition.rules).includes(a.achievementId!));
    if (inside) g.includedInProgramme.push({ achievementId: a.achievementId, name: a.targetName, programmeName: inside.name });
    else if (!g.entries.some((e) => e.targetId === a.achievementId)) {
      g.entries.push({ agreementId: a.id, kind: 'achievement', targetId: a.achievementId, name: a.targetName, ects: a.ects, credentialId: cred });
    }
  }
  const out = [...groups.values()].filter((g) => g.entries.length > 0);
  for (const g of out) g.totalEcts = Math.round(g.entries.reduce((s, e) => s + e.ects * 1000, 0)) / 1000;
  return out.sort((a, b) => a.institution.name.localeCompare(b.institution.name) || a.degree.localeCompare(b.degree));
}
