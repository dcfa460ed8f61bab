-- Languages (issue 15) and answers with their ratings (issue 16).

-- The language of a turn: for the resident's words, the language the bot answered in; for the bot's
-- turn, the language it was written in. NULL for older rows (Japanese).
ALTER TABLE messages ADD COLUMN lang TEXT;
-- For a bot turn in another language: the same reply in Japanese, so staff can read what was said.
ALTER TABLE messages ADD COLUMN text_ja TEXT;
-- For a bot turn that answered a common question from knowledge/answers/: the answer's id.
ALTER TABLE messages ADD COLUMN answer_id TEXT;

-- 「役に立った」「役に立たなかった」: one rating per tap (webhook event), with what it was about. A
-- 「役に立たなかった」 puts the question on the staff's unanswered list.
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  event_id TEXT NOT NULL UNIQUE,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  answer_id TEXT,                          -- the answer rated, when the reply was an answer
  question TEXT,                           -- the resident's words it answered (cut to the stored limit)
  category TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_time ON feedback (created_at);
CREATE INDEX IF NOT EXISTS messages_answer ON messages (answer_id) WHERE answer_id IS NOT NULL;
