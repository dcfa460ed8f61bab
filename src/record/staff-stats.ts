// What the staff console counts: the daily overview and the questions the bot could not answer.

/** SQLite reads our ISO 8601 timestamps (with Z); +9 hours gives the Japanese calendar day. */
const JST_DAY = "substr(datetime(created_at, '+9 hours'), 1, 10)";

export type Rated = { shown: number; helpful: number; notHelpful: number };

export type Overview = {
  days: { day: string; incoming: number; bot: number; staff: number }[];
  escalationsByLevel: { level: string; count: number }[];
  topCategories: { category: string; count: number }[];
  /** Resident text messages the bot answered (windows or an answer) and those it asked about instead. */
  answerRate: { answered: number; unanswered: number };
  /** Per category: messages understood as it, and the ratings of what was shown. */
  byCategory: ({ category: string } & Rated)[];
  /** Per answer of knowledge/answers/: how often given, and its ratings. */
  byAnswer: ({ answer: string } & Rated)[];
  /** Escalations: minutes from the resident's message to the first staff action, and the longest still waiting, per level. */
  response: { level: string; handled: number; medianMinutes: number | null; waiting: number; longestWaitingMinutes: number | null }[];
};

/** The last `days` days (JST), counted from `now`. */
export async function readOverview(db: D1Database, now: Date, days = 14): Promise<Overview> {
  const since = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const [perDay, levels, categories, rate, categoryRatings, answerRatings, response] = await Promise.all([
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
    db
      .prepare(
        `SELECT COALESCE(SUM(answered = 1), 0) AS answered, COALESCE(SUM(answered = 0), 0) AS unanswered FROM messages
         WHERE direction = 'in' AND kind = 'text' AND created_at >= ?`,
      )
      .bind(since)
      .first<{ answered: number; unanswered: number }>(),
    db
      .prepare(
        `SELECT category, SUM(shown) AS shown, SUM(helpful) AS helpful, SUM(not_helpful) AS notHelpful FROM (
           SELECT category, 1 AS shown, 0 AS helpful, 0 AS not_helpful FROM messages WHERE direction = 'in' AND category IS NOT NULL AND answered = 1 AND created_at >= ?
           UNION ALL SELECT category, 0, helpful, 1 - helpful FROM feedback WHERE category IS NOT NULL AND created_at >= ?)
         GROUP BY category ORDER BY shown DESC, category`,
      )
      .bind(since, since)
      .all<{ category: string } & Rated>(),
    db
      .prepare(
        `SELECT answer_id AS answer, SUM(shown) AS shown, SUM(helpful) AS helpful, SUM(not_helpful) AS notHelpful FROM (
           SELECT answer_id, 1 AS shown, 0 AS helpful, 0 AS not_helpful FROM messages WHERE direction = 'bot' AND answer_id IS NOT NULL AND created_at >= ?
           UNION ALL SELECT answer_id, 0, helpful, 1 - helpful FROM feedback WHERE answer_id IS NOT NULL AND created_at >= ?)
         GROUP BY answer_id ORDER BY shown DESC, answer_id`,
      )
      .bind(since, since)
      .all<{ answer: string } & Rated>(),
    responseTimes(db, since, now),
  ]);
  return {
    days: perDay.results,
    escalationsByLevel: levels.results,
    topCategories: categories.results,
    answerRate: { answered: rate?.answered ?? 0, unanswered: rate?.unanswered ?? 0 },
    byCategory: categoryRatings.results,
    byAnswer: answerRatings.results,
    response,
  };
}

/** A person acting on an escalation (not the system's "created" and "notified" entries). */
const STAFF_ACTIONS = "('status', 'assign', 'note', 'reply')";

/**
 * Time to the first staff action per escalation level: the median over escalations acted on (in minutes),
 * and the longest any escalation without a staff action has been waiting now — so the ward can hold
 * itself to a response time.
 */
async function responseTimes(db: D1Database, since: string, now: Date): Promise<Overview['response']> {
  const { results } = await db
    .prepare(
      `SELECT e.level AS level, e.created_at AS created_at, e.status AS status,
         (SELECT MIN(v.created_at) FROM escalation_events v WHERE v.escalation_id = e.id AND v.action IN ${STAFF_ACTIONS}) AS first_action_at
       FROM escalations e WHERE e.created_at >= ? OR (e.status != 'done')`,
    )
    .bind(since)
    .all<{ level: string; created_at: string; status: string; first_action_at: string | null }>();
  const minutes = (from: string, to: number) => Math.max(0, Math.round((to - Date.parse(from)) / 60_000));
  const levels = [...new Set(results.map((r) => r.level))];
  return levels.map((level) => {
    const rows = results.filter((r) => r.level === level);
    const handled = rows.flatMap((r) => (r.first_action_at === null ? [] : [minutes(r.created_at, Date.parse(r.first_action_at))])).sort((a, b) => a - b);
    const waiting = rows.filter((r) => r.first_action_at === null && r.status !== 'done').map((r) => minutes(r.created_at, now.getTime()));
    return {
      level,
      handled: handled.length,
      medianMinutes: handled.length === 0 ? null : median(handled),
      waiting: waiting.length,
      longestWaitingMinutes: waiting.length === 0 ? null : Math.max(...waiting),
    };
  });
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

export type UnansweredRow = { userId: string; text: string; createdAt: string; notHelpful: boolean };

/**
 * Resident messages the bot found no confident match for, and questions whose answer a resident rated
 * 「役に立たなかった」, newest first (the console groups them).
 */
export async function listUnanswered(db: D1Database, limit = 1000): Promise<UnansweredRow[]> {
  const { results } = await db
    .prepare(
      `SELECT user_id, text, created_at, 0 AS not_helpful FROM messages WHERE direction = 'in' AND answered = 0
       UNION ALL SELECT user_id, question, created_at, 1 FROM feedback WHERE helpful = 0 AND question IS NOT NULL
       ORDER BY created_at DESC LIMIT ?`,
    )
    .bind(limit)
    .all<{ user_id: string; text: string; created_at: string; not_helpful: number }>();
  return results.map((r) => ({ userId: r.user_id, text: r.text, createdAt: r.created_at, notHelpful: r.not_helpful === 1 }));
}
