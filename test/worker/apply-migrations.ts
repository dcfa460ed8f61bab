// Applies migrations/ to the test D1 before the tests, as `wrangler d1 migrations apply` does at deploy
// (the Worker would also apply them on first use; both use wrangler's d1_migrations table).
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
