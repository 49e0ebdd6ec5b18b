import type { Clock } from '../core/clock.js';
import type { Db } from '../db/index.js';
import { claimJob, extendLease, finishJob, type Job, setProgress } from './queue.js';

export interface JobContext {
  job: Job;
  /** Records progress and renews the lease, so a long job is not taken over while alive. */
  progress(done: number, total?: number): Promise<void>;
}

/** Does the work of one job kind; must be resumable, since a crashed job runs again. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface RunnerOptions {
  db: Db;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  /** How long a claim lasts without progress before another worker may take the job. */
  leaseMs?: number;
  pollMs?: number;
  /** Attempts after which a job that keeps crashing is marked failed. */
  maxAttempts?: number;
  onError?: (job: Job, error: unknown) => void;
}

/** Polls for jobs and runs them one at a time until stopped. */
export class JobRunner {
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly opts: RunnerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Asks the loop to look for work now instead of at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** Runs every runnable job now; returns how many ran. For tests and the CLI. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOne()) n++;
    return n;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const ran = await this.runOne().catch((e) => {
        this.opts.onError?.(undefined as never, e);
        return false;
      });
      if (!ran && !this.stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.pollMs ?? 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async runOne(): Promise<boolean> {
    const { db, clock, handlers } = this.opts;
    const leaseMs = this.opts.leaseMs ?? 30_000;
    const job = await claimJob(db, Object.keys(handlers), leaseMs, clock);
    if (!job) return false;
    if (job.attempts > (this.opts.maxAttempts ?? 5)) {
      await finishJob(db, job.id, { error: `Gave up after ${job.attempts - 1} attempts.` }, clock);
      return true;
    }
    try {
      const result = await handlers[job.kind]!({
        job,
        progress: async (done, total) => {
          await setProgress(db, job.id, done, total, clock);
          await extendLease(db, job.id, leaseMs, clock);
        },
      });
      await finishJob(db, job.id, { result }, clock);
    } catch (e) {
      this.opts.onError?.(job, e);
      await finishJob(db, job.id, { error: e instanceof Error ? e.message : String(e) }, clock);
    }
    return true;
  }
}
