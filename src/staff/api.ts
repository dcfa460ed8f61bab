// GET/POST /staff/api/*: the console's JSON API (Bearer STAFF_TOKEN, an Access JWT, or the page session
// with X-CSRF-Token). Residents appear by pseudonym only; errors never echo resident text.
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { pseudonymFor } from '../record/conversations';
import { getEscalationDetail, listOpenWithMessages } from '../record/staff-queue';
import { listUnanswered, readOverview } from '../record/staff-stats';
import { ACTIONS, IdParamSchema, OUTCOMES } from './actions';
import { nowOf, signedIn, type StaffEnv } from './auth/middleware';
import { groupUnanswered } from './unanswered';

export const staffApi = new Hono<StaffEnv>();

const idParam = validator('param', (value, c) => {
  const parsed = IdParamSchema.safeParse(value);
  return parsed.success ? parsed.data : c.json({ error: 'bad id' }, 400);
});

staffApi.get('/escalations', async (c) => c.json({ escalations: await listOpenWithMessages(c.env.DB, pseudonymFor) }));

staffApi.get('/escalations/:id', idParam, async (c) => {
  const detail = await getEscalationDetail(c.env.DB, c.req.valid('param').id, pseudonymFor);
  if (detail === undefined) return c.json({ error: 'not found' }, 404);
  const { userId: _userId, ...shown } = detail;
  return c.json({ escalation: shown });
});

for (const [name, act] of Object.entries(ACTIONS)) {
  staffApi.post(`/escalations/:id/${name}`, idParam, async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const outcome = await act.perform(c.req.valid('param').id, raw, { env: c.env, config: c.get('config'), actor: signedIn(c).actor, now: nowOf(c) });
    if (outcome === 'invalid') return c.json({ error: act.apiHint }, 400);
    const answer = OUTCOMES[outcome].api;
    return c.json(answer.body, answer.status);
  });
}

staffApi.get('/unanswered', async (c) => c.json({ groups: groupUnanswered(await listUnanswered(c.env.DB)) }));
staffApi.get('/overview', async (c) => c.json({ overview: await readOverview(c.env.DB, nowOf(c)) }));
staffApi.all('*', (c) => c.json({ error: 'not found' }, 404));
