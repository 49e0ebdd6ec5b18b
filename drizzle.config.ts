import { defineConfig } from 'drizzle-kit';

// Generates committed SQL migrations from src/db/schema/: `npm run db:generate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
