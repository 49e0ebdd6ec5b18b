import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Database } from './connect.js';

/**
 * A throwaway database for tests and benchmarks: in-memory PGlite without a
 * server, or a fresh database on the PostgreSQL server at `serverUrl`, dropped
 * (with any connection left to it) on close. Not migrated.
 */
export async function scratchDatabase(serverUrl: string | undefined, prefix = 'mc_scratch'): Promise<Database> {
  if (!serverUrl) return connect({});
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await connect({ databaseUrl: url.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
