import { defineConfig } from 'drizzle-kit';

// Every table lives in the schema.ts of its module (or platform area); migrations are generated, committed SQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/*/schema.ts', './src/modules/*/schema.ts'],
  out: './migrations',
});
