import type { Db } from '../db/index.js';
import type { NoteSigner } from './note.js';
import { integrate, publishCheckpoint, recosignCheckpoint, type StoredCheckpoint } from './store.js';

export interface SequencerOptions {
  db: Db;
  /** The log key; its name is the log's origin. */
  logKey: NoteSigner;
  /** Pause between runs when nothing is pending (default 1 s, so checkpoints trail appends by about that). */
  intervalMs?: number;
  /** Entries per integration transaction (default 4096). */
  batchSize?: number;
  /**
   * How long one run may integrate before it publishes (default 1 s; at least one batch is
   * always integrated). Without a bound, appends arriving faster than one batch per
   * integration would keep a run integrating and no checkpoint would be published.
   */
  maxRunMs?: number;
  /** Asks witnesses to co-sign each new checkpoint before it is published (see witnessing.ts). */
  cosign?: (note: string) => Promise<string>;
  /** While no new checkpoint is due, how often to ask again for missing cosignatures of the latest one (default 30 s). */
  recosignMs?: number;
  /** Called with errors of a run; the loop carries on with the next one. */
  onError?: (e: unknown) => void;
}

/**
 * Integrates what is pending, batch by batch, then publishes a checkpoint of the result.
 * By default everything pending; with `maxMs`, batches stop once that long has passed
 * (after at least one), so a checkpoint is published while appends keep streaming in.
 */
export async function sequenceOnce(
  db: Db,
  logKey: NoteSigner,
  batchSize = 4096,
  cosign?: (note: string) => Promise<string>,
  opts: { maxMs?: number } = {},
): Promise<StoredCheckpoint & { published: boolean }> {
  const until = performance.now() + (opts.maxMs ?? Infinity);
  let added: number;
  do ({ added } = await integrate(db, { maxBatch: batchSize }));
  while (added === batchSize && performance.now() < until);
  return publishCheckpoint(db, logKey, { cosign });
}

/**
 * Runs `sequenceOnce` on a timer until stopped. Safe to run on every API node:
 * integration is serialised by the state row's lock, and publishing the same
 * size twice stores one checkpoint.
 */
export function startSequencer(opts: SequencerOptions): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastAsked = Date.now();
  const tick = () => {
    running = sequenceOnce(opts.db, opts.logKey, opts.batchSize, opts.cosign, { maxMs: opts.maxRunMs ?? 1000 })
      .then(async (cp) => {
        if (cp.published) lastAsked = Date.now();
        else if (opts.cosign && cp.size > 0 && Date.now() - lastAsked >= (opts.recosignMs ?? 30_000)) {
          // An idle log still gets the cosignatures a witness could not give at publication.
          lastAsked = Date.now();
          await recosignCheckpoint(opts.db, cp.size, opts.cosign);
        }
      })
      .then(
        () => undefined,
        (e) => opts.onError?.(e),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 1000);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
