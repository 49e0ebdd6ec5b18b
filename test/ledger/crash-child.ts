/**
 * Run by crash.test.ts and killed there with SIGKILL: records "credentials"
 * (rows of crash_credentials) each with its log entry in one transaction,
 * while a second loop sequences pending entries in small batches.
 *
 *     node --import tsx test/ledger/crash-child.ts <database url>
 */
import { sql } from 'drizzle-orm';
import { connect } from '../../src/db/index.js';
import { appendEntries, integrate, issuanceEntry, sha256 } from '../../src/ledger/index.js';

const database = await connect({ databaseUrl: process.argv[2]! });
const { db } = database;

async function issue(n: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into crash_credentials (n) values (${n})`);
    const entry = issuanceEntry({ credentialId: `urn:crash:${n}`, credentialHash: sha256(new TextEncoder().encode(`${n}`)), issuer: 'did:web:crash.example', time: new Date() });
    await appendEntries(tx, [entry]);
  });
}

let n = 0;
const appender = async () => {
  for (;;) {
    await issue(n++);
    if (n === 200) process.stdout.write('ready\n');
  }
};
const sequencer = async () => {
  for (;;) await integrate(db, { maxBatch: 7 });
};
await Promise.all([appender(), appender(), sequencer()]);
