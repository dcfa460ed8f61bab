-- Nothing lost (issue 11): the resident's turn and any escalation are written before any LINE call;
-- what LINE could not take waits in an outbox; a resident who blocks the bot stays forgotten.

-- Whose claim an event is under (a random token per delivery attempt): statements in the same batch
-- write only if the claim is theirs, so a redelivered or concurrent event writes and answers once.
ALTER TABLE processed_events ADD COLUMN claim TEXT;

-- A bot or staff turn's delivery: sent (LINE accepted it), pending (in the outbox, retried), failed (given up).
ALTER TABLE messages ADD COLUMN delivery TEXT CHECK (delivery IN ('sent', 'pending', 'failed'));

-- What could not be sent yet: a resident's reply or a staff notice, retried with the same X-Line-Retry-Key
-- (LINE delivers a push once per key) until LINE takes it or it is too old to help.
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'notice')),
  channel TEXT NOT NULL CHECK (channel IN ('line', 'webhook')),
  user_id TEXT,                            -- the resident a reply is for (NULL for a staff notice)
  target TEXT NOT NULL,                    -- LINE push "to", or the staff webhook URL
  payload TEXT NOT NULL,                   -- JSON: LINE messages, or the webhook body
  retry_key TEXT NOT NULL UNIQUE,          -- X-Line-Retry-Key; also keeps one row per reply or notice
  priority INTEGER NOT NULL,               -- 0 crisis, 1 staff notice, 2 everyday reply: the drain takes lower first
  escalation_id INTEGER,
  message_id INTEGER,                      -- the bot turn whose delivery this is
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'expired')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at, priority);

-- A resident who blocked the bot (unfollow): no later write brings their words back. A follow removes it.
CREATE TABLE IF NOT EXISTS tombstones (
  user_id TEXT PRIMARY KEY,
  blocked_at TEXT NOT NULL
);

-- Failures staff must see (LINE refusing for a while, D1 unavailable, a reply given up): the console lists them.
CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,                      -- line-undelivered, line-expired, notice-failed, d1-unavailable, recovered
  detail TEXT NOT NULL,                    -- never a resident's words
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_time ON incidents (created_at);
