import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the per-domain schemas, committed, and never edited after landing.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
