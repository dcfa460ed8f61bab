// What the staff console counts: the daily overview and the questions the bot could not answer.

/** SQLite reads our ISO 8601 timestamps (with Z); +9 hours gives the Japanese calendar day. */
const JST_DAY = "substr(datetime(created_at, '+9 hours'), 1, 10)";

export type Overview = {
  days: { day: string; incoming: number; bot: number; staff: number }[];
  escalationsByLevel: { level: string; count: number }[];
  topCategories: { category: string; count: number }[];
};

/** The last `days` days (JST), counted from `now`. */
export async function readOverview(db: D1Database, now: Date, days = 14): Promise<Overview> {
  const since = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const [perDay, levels, categories] = await Promise.all([
    db
      .prepare(
        `SELECT ${JST_DAY} AS day, SUM(direction = 'in') AS incoming, SUM(direction = 'bot') AS bot, SUM(direction = 'staff') AS staff
         FROM messages WHERE created_at >= ? GROUP BY day ORDER BY day DESC`,
      )
      .bind(since)
      .all<{ day: string; incoming: number; bot: number; staff: number }>(),
    db
      .prepare('SELECT level, COUNT(*) AS count FROM escalations WHERE created_at >= ? GROUP BY level ORDER BY count DESC, level')
      .bind(since)
      .all<{ level: string; count: number }>(),
    db
      .prepare(
        `SELECT category, COUNT(*) AS count FROM messages WHERE direction = 'in' AND category IS NOT NULL AND created_at >= ?
         GROUP BY category ORDER BY count DESC, category LIMIT 10`,
      )
      .bind(since)
      .all<{ category: string; count: number }>(),
  ]);
  return { days: perDay.results, escalationsByLevel: levels.results, topCategories: categories.results };
}

export type UnansweredRow = { userId: string; text: string; createdAt: string };

/** Resident messages the bot found no confident match for, newest first (the console groups them). */
export async function listUnanswered(db: D1Database, limit = 1000): Promise<UnansweredRow[]> {
  const { results } = await db
    .prepare("SELECT user_id, text, created_at FROM messages WHERE direction = 'in' AND answered = 0 ORDER BY created_at DESC, id DESC LIMIT ?")
    .bind(limit)
    .all<{ user_id: string; text: string; created_at: string }>();
  return results.map((r) => ({ userId: r.user_id, text: r.text, createdAt: r.created_at }));
}
