import { scratchDatabase, type Database } from '../../src/db/index.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default,
 * or a throwaway database on the server at TEST_DATABASE_URL, dropped on close.
 */
export async function testDatabase(): Promise<Database> {
  const database = await scratchDatabase(process.env.TEST_DATABASE_URL, 'mc_test');
  await database.migrate();
  return database;
}
