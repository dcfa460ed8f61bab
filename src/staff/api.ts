// GET/POST /staff/api/*: the console's JSON API (Bearer STAFF_TOKEN, or the page session with
// X-CSRF-Token). Residents appear by pseudonym only; errors never echo resident text.
import { Hono, type Context } from 'hono';
import { makeClock } from '../clock';
import { pseudonymFor } from '../record/conversations';
import { addNote, assignEscalation, changeStatus, type ChangeResult } from '../record/staff-actions';
import { getEscalationDetail, listOpenWithMessages } from '../record/staff-queue';
import { listUnanswered, readOverview } from '../record/staff-stats';
import { signedIn, type StaffEnv } from './auth/middleware';
import { replyDeps, sendStaffReply } from './reply';
import { AssignBodySchema, IdParamSchema, NoteBodySchema, ReplyBodySchema, StatusBodySchema } from './schemas';

export const staffApi = new Hono<StaffEnv>();

const now = (c: Context<StaffEnv>) => makeClock(c.get('config').NOW)();
const idOf = (c: Context<StaffEnv>) => IdParamSchema.safeParse(c.req.param('id'));
const jsonBody = (c: Context<StaffEnv>): Promise<unknown> => c.req.json().catch(() => undefined);

function answer(c: Context<StaffEnv>, result: ChangeResult) {
  return result === 'not-found' ? c.json({ error: 'not found' }, 404) : c.json({ ok: true, changed: result === 'changed' });
}

staffApi.get('/escalations', async (c) => c.json({ escalations: await listOpenWithMessages(c.env.DB, pseudonymFor) }));

staffApi.get('/escalations/:id', async (c) => {
  const id = idOf(c);
  if (!id.success) return c.json({ error: 'bad id' }, 400);
  const detail = await getEscalationDetail(c.env.DB, id.data, pseudonymFor);
  if (detail === undefined) return c.json({ error: 'not found' }, 404);
  const { userId: _userId, ...shown } = detail;
  return c.json({ escalation: shown });
});

staffApi.post('/escalations/:id/status', async (c) => {
  const id = idOf(c);
  const body = StatusBodySchema.safeParse(await jsonBody(c));
  if (!id.success || !body.success) return c.json({ error: 'send {"status": "new" | "in_progress" | "done"}' }, 400);
  return answer(c, await changeStatus(c.env.DB, id.data, body.data.status, signedIn(c).actor, now(c)));
});

staffApi.post('/escalations/:id/assign', async (c) => {
  const id = idOf(c);
  const body = AssignBodySchema.safeParse(await jsonBody(c));
  if (!id.success || !body.success) return c.json({ error: 'send {"assignee": "name" | null}' }, 400);
  return answer(c, await assignEscalation(c.env.DB, id.data, body.data.assignee, signedIn(c).actor, now(c)));
});

staffApi.post('/escalations/:id/notes', async (c) => {
  const id = idOf(c);
  const body = NoteBodySchema.safeParse(await jsonBody(c));
  if (!id.success || !body.success) return c.json({ error: 'send {"note": "..."} (1-2000 characters)' }, 400);
  return answer(c, await addNote(c.env.DB, id.data, body.data.note, signedIn(c).actor, now(c)));
});

staffApi.post('/escalations/:id/reply', async (c) => {
  const id = idOf(c);
  const body = ReplyBodySchema.safeParse(await jsonBody(c));
  if (!id.success || !body.success) return c.json({ error: 'send {"text": "...", "replyKey": "<uuid>"?}' }, 400);
  const outcome = await sendStaffReply(id.data, body.data.text, body.data.replyKey ?? crypto.randomUUID(), signedIn(c).actor, replyDeps(c.env.DB, c.get('config')));
  switch (outcome) {
    case 'sent':
    case 'duplicate':
      return c.json({ ok: true, outcome });
    case 'not-found':
      return c.json({ error: 'not found' }, 404);
    case 'not-configured':
      return c.json({ error: 'LINE access token is not configured' }, 503);
    case 'failed':
      return c.json({ error: 'LINE did not accept the message' }, 502);
  }
});

staffApi.get('/unanswered', async (c) => c.json({ groups: await listUnanswered(c.env.DB) }));
staffApi.get('/overview', async (c) => c.json({ overview: await readOverview(c.env.DB, now(c)) }));
staffApi.all('*', (c) => c.json({ error: 'not found' }, 404));
