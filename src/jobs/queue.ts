import { and, eq, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type Db, type DbOrTx, schema } from '../db/index.js';

const { jobs } = schema;
export type Job = typeof jobs.$inferSelect;

export async function enqueueJob(
  db: DbOrTx,
  input: { kind: string; payload: unknown; orgId?: string; createdBy?: string; total?: number },
): Promise<Job> {
  const [row] = await db
    .insert(jobs)
    .values({ kind: input.kind, payload: input.payload, orgId: input.orgId ?? null, createdBy: input.createdBy ?? null, progressTotal: input.total ?? 0 })
    .returning();
  return row!;
}

export async function getJob(db: DbOrTx, id: string, orgId?: string): Promise<Job> {
  const [row] = await db.select().from(jobs).where(orgId ? and(eq(jobs.id, id), eq(jobs.orgId, orgId)) : eq(jobs.id, id));
  if (!row) throw new AppError('not_found', 'No such job.');
  return row;
}

/**
 * Claims the oldest runnable job of the given kinds: queued, or running with
 * an expired lease (its worker died). SKIP LOCKED lets several workers claim
 * concurrently without waiting on each other.
 */
export async function claimJob(db: Db, kinds: string[], leaseMs: number, clock: Clock): Promise<Job | undefined> {
  if (kinds.length === 0) return undefined;
  const now = clock.now();
  const until = new Date(now.getTime() + leaseMs);
  const kindList = sql.join(kinds.map((k) => sql`${k}`), sql`, `);
  const res = (await db.execute(sql`
    update jobs set status = 'running', attempts = attempts + 1, locked_until = ${until.toISOString()}, updated_at = ${now.toISOString()}
    where id = (
      select id from jobs
      where kind in (${kindList})
        and (status = 'queued' or (status = 'running' and locked_until < ${now.toISOString()}))
      order by created_at
      for update skip locked
      limit 1
    )
    returning id`)) as unknown as { rows: { id: string }[] };
  const id = res.rows[0]?.id;
  return id ? getJob(db, id) : undefined;
}

export async function extendLease(db: DbOrTx, id: string, leaseMs: number, clock: Clock): Promise<void> {
  await db
    .update(jobs)
    .set({ lockedUntil: new Date(clock.now().getTime() + leaseMs), updatedAt: clock.now() })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

export async function setProgress(db: DbOrTx, id: string, done: number, total: number | undefined, clock: Clock): Promise<void> {
  await db
    .update(jobs)
    .set({ progressDone: done, ...(total !== undefined ? { progressTotal: total } : {}), updatedAt: clock.now() })
    .where(eq(jobs.id, id));
}

export async function finishJob(db: DbOrTx, id: string, outcome: { result?: unknown; error?: string }, clock: Clock): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: outcome.error ? 'failed' : 'succeeded',
      result: outcome.result ?? null,
      error: outcome.error ?? null,
      lockedUntil: null,
      finishedAt: clock.now(),
      updatedAt: clock.now(),
    })
    .where(eq(jobs.id, id));
}
