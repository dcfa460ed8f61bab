// Sets up the database on first use: applies the bundled migrations (migrations/*.sql, split into
// statements at build time by wrangler's splitter) that wrangler's d1_migrations table does not list
// yet, so `wrangler d1 migrations apply` and this agree on what has run.
import { MIGRATIONS } from '../generated/migrations';

/** Per isolate: the database is set up once, not checked on every request. */
let applied: Promise<void> | undefined;

/** Once per isolate (an isolate serves one database); a failure is not cached, so the next request tries again. */
export function ensureSchema(db: D1Database): Promise<void> {
  if (applied === undefined) {
    applied = applyMigrations(db).catch((error: unknown) => {
      applied = undefined;
      throw error;
    });
  }
  return applied;
}

async function applyMigrations(db: D1Database): Promise<void> {
  const [, rows] = await db.batch<{ name: string }>([
    db.prepare(
      'CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
    ),
    db.prepare('SELECT name FROM d1_migrations'),
  ]);
  const done = new Set((rows?.results ?? []).map((r) => r.name));
  for (const migration of MIGRATIONS) {
    if (done.has(migration.name)) continue;
    // One batch is one transaction: the migration and its record land together. When two isolates
    // race, the loser's batch fails (a duplicate name or column) and rolls back whole.
    try {
      await db.batch([...migration.queries.map((sql) => db.prepare(sql)), db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(migration.name)]);
    } catch (error) {
      const again = await db.prepare('SELECT 1 AS ok FROM d1_migrations WHERE name = ?').bind(migration.name).first();
      if (again === null) throw error;
    }
  }
}
