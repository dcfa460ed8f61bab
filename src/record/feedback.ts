// The feedback table: residents' ratings of what the bot showed (「役に立った」「役に立たなかった」), one
// per tap, for the staff overview's satisfaction figures and, when not helpful, the unanswered list.
import { cutText } from './messages';
import { type Guard, guardClause } from './guard';

export type Feedback = { helpful: boolean; answerId?: string | undefined; question?: string | undefined; category?: string | undefined };

export function feedbackStatement(db: D1Database, guard: Guard, feedback: Feedback, now: Date): D1PreparedStatement {
  const where = guardClause(guard);
  return db
    .prepare(
      `INSERT INTO feedback (user_id, event_id, helpful, answer_id, question, category, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${where.sql} ON CONFLICT DO NOTHING`,
    )
    .bind(
      guard.userId,
      guard.eventId,
      feedback.helpful ? 1 : 0,
      feedback.answerId ?? null,
      feedback.question === undefined ? null : cutText(feedback.question, 1000),
      feedback.category ?? null,
      now.toISOString(),
      ...where.params,
    );
}
