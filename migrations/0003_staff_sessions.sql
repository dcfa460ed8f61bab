-- Staff sessions kept on the server, so signing out (or an administrator) ends a session for good:
-- the cookie carries only the signed session id.
CREATE TABLE IF NOT EXISTS staff_sessions (
  sid TEXT PRIMARY KEY,
  name TEXT NOT NULL,                      -- the display name given at sign-in (the audit trail's actor)
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS staff_sessions_expiry ON staff_sessions (expires_at);
