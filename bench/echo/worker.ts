// The bench's yardstick (issue 17): a bare LINE echo bot on the same runtime, started the same way
// (wrangler dev) — verify the signature, answer 200, reply with the same text. What the real bot adds
// on top of this (risk screen, D1, search, compose) is what `npm run bench` prints as ratios.
import { Hono } from 'hono';
import { verifySignature } from '../../src/verify/verify-signature';

type Bindings = { LINE_CHANNEL_SECRET: string; LINE_CHANNEL_ACCESS_TOKEN: string; LINE_API_BASE_URL?: string };

const app = new Hono<{ Bindings: Bindings }>();

app.get('/healthz', (c) => c.json({ ok: true }));

app.post('/webhook', async (c) => {
  const body = await c.req.arrayBuffer();
  if (!(await verifySignature(body, c.req.header('x-line-signature'), c.env.LINE_CHANNEL_SECRET))) return c.text('bad signature', 401);
  const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
  const list: unknown = Reflect.get(Object(parsed), 'events');
  const base = c.env.LINE_API_BASE_URL ?? 'https://api.line.me';
  for (const event of Array.isArray(list) ? list : []) {
    const replyToken: unknown = Reflect.get(Object(event), 'replyToken');
    const text: unknown = Reflect.get(Object(Reflect.get(Object(event), 'message')), 'text');
    if (typeof replyToken !== 'string' || typeof text !== 'string') continue;
    c.executionCtx.waitUntil(
      fetch(`${base}/v2/bot/message/reply`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.env.LINE_CHANNEL_ACCESS_TOKEN}` },
        body: JSON.stringify({ replyToken, messages: [{ type: 'text', text }] }),
      }).then(() => undefined),
    );
  }
  return c.text('ok');
});

export default app;
