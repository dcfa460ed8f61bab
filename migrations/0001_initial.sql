-- Conversation store: our own record of every turn, escalations for staff, and idempotency keys.
-- Kept minimal on purpose (README "What is kept"): no display names, no profile pictures, no raw media.

-- One row per resident (LINE user id, or "dev:<id>" from the local chat page).
CREATE TABLE IF NOT EXISTS conversations (
  user_id TEXT PRIMARY KEY,
  pseudonym TEXT NOT NULL,                 -- short id shown to staff instead of the LINE user id
  state TEXT NOT NULL DEFAULT '{}',        -- JSON: what the bot last asked or showed (crisis, clarify, results)
  staff_handling INTEGER NOT NULL DEFAULT 0, -- 1 while a person answers this resident
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Every webhook event once: a unique key, so a redelivered or concurrent duplicate is not handled twice.
CREATE TABLE IF NOT EXISTS processed_events (
  webhook_event_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
  claimed_at TEXT NOT NULL
);

-- Every turn: resident in, bot out, staff out.
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'bot', 'staff')),
  kind TEXT NOT NULL,                      -- text, postback, sticker, image, follow, ...
  text TEXT NOT NULL,
  event_id TEXT,                           -- webhookEventId of the resident's event
  risk_level TEXT,                         -- the screen's level for resident text
  category TEXT,                           -- what the bot understood (for the daily overview)
  answered INTEGER,                        -- 0 when the bot found no confident match (unanswered questions)
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_user_time ON messages (user_id, created_at);
CREATE INDEX IF NOT EXISTS messages_time ON messages (created_at);
CREATE UNIQUE INDEX IF NOT EXISTS messages_inbound_event ON messages (event_id, direction) WHERE event_id IS NOT NULL;

-- A conversation flagged for staff: one row per risky resident message.
CREATE TABLE IF NOT EXISTS escalations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  level TEXT NOT NULL,                     -- emergency | high | abuse | concern
  rule TEXT NOT NULL,                      -- the rule that matched, for staff and for tuning
  message_text TEXT NOT NULL,
  event_id TEXT UNIQUE,                    -- one escalation per event, however often it is delivered
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
  assignee TEXT,
  notified_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS escalations_open ON escalations (status, level, created_at);
CREATE INDEX IF NOT EXISTS escalations_user ON escalations (user_id);

-- Audit trail: every status change, assignment, note and staff reply, with who and when.
CREATE TABLE IF NOT EXISTS escalation_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  escalation_id INTEGER NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('created', 'status', 'assign', 'note', 'reply', 'notified')),
  detail TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS escalation_events_escalation ON escalation_events (escalation_id, created_at);
