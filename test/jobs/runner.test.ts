import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { claimJob, enqueueJob, getJob, JobRunner } from '../../src/jobs/index.js';
import { testDatabase } from '../helpers/db.js';

let database: Database;
let now = new Date('2026-11-23T10:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database?.close());

describe('when a job is queued', () => {
  it('runs it, records progress and the result', async () => {
    const job = await enqueueJob(database.db, { kind: 'count', payload: { to: 3 } });
    const seen: number[] = [];
    const runner = new JobRunner({
      db: database.db,
      clock,
      handlers: {
        count: async ({ job: j, progress }) => {
          const to = (j.payload as { to: number }).to;
          for (let i = 1; i <= to; i++) {
            await progress(i, to);
            seen.push((await getJob(database.db, j.id)).progressDone);
          }
          return { counted: to };
        },
      },
    });
    expect(await runner.drain()).toBe(1);
    expect(seen).toEqual([1, 2, 3]);
    const done = await getJob(database.db, job.id);
    expect(done).toMatchObject({ status: 'succeeded', progressDone: 3, progressTotal: 3, result: { counted: 3 }, attempts: 1 });
    expect(done.finishedAt).not.toBeNull();
  });

  it('marks it failed with the error when the handler throws', async () => {
    const job = await enqueueJob(database.db, { kind: 'boom', payload: {} });
    const runner = new JobRunner({ db: database.db, clock, handlers: { boom: async () => { throw new Error('row 7 is bad'); } } });
    await runner.drain();
    expect(await getJob(database.db, job.id)).toMatchObject({ status: 'failed', error: 'row 7 is bad' });
  });
});

describe('when a worker dies mid-job', () => {
  it('lets another worker take the job over once the lease has run out', async () => {
    const job = await enqueueJob(database.db, { kind: 'resume', payload: {} });
    const first = await claimJob(database.db, ['resume'], 10_000, clock);
    expect(first?.id).toBe(job.id);
    // Still leased: nobody else may take it.
    expect(await claimJob(database.db, ['resume'], 10_000, clock)).toBeUndefined();
    now = new Date(now.getTime() + 11_000);
    let ranAttempt = 0;
    const runner = new JobRunner({ db: database.db, clock, handlers: { resume: async ({ job: j }) => (ranAttempt = j.attempts) } });
    expect(await runner.drain()).toBe(1);
    expect(ranAttempt).toBe(2);
    expect((await getJob(database.db, job.id)).status).toBe('succeeded');
  });

  it('gives up on a job that keeps crashing its worker', async () => {
    const job = await enqueueJob(database.db, { kind: 'crashy', payload: {} });
    for (let i = 0; i < 3; i++) {
      expect(await claimJob(database.db, ['crashy'], 1000, clock)).toBeDefined();
      now = new Date(now.getTime() + 2000);
    }
    const runner = new JobRunner({ db: database.db, clock, maxAttempts: 3, handlers: { crashy: async () => 'ran' } });
    await runner.drain();
    expect(await getJob(database.db, job.id)).toMatchObject({ status: 'failed', error: 'Gave up after 3 attempts.' });
  });
});

describe('when the runner is started', () => {
  it('picks up jobs queued later, when nudged', async () => {
    let ran = false;
    const runner = new JobRunner({ db: database.db, clock, pollMs: 60_000, handlers: { later: async () => (ran = true) } });
    runner.start();
    const job = await enqueueJob(database.db, { kind: 'later', payload: {} });
    runner.nudge();
    for (let i = 0; i < 50 && (await getJob(database.db, job.id)).status !== 'succeeded'; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    expect(ran).toBe(true);
  });
});
