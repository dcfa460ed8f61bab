// Try the bot without LINE: GET / serves a chat page and POST /dev/chat runs the same pipeline as the
// webhook (handleInput), returning the LINE message objects instead of sending them. On when DEV_CHAT=on
// (wrangler.toml's default for `npm start`), off in the production environment.
import { Hono } from 'hono';
import { z } from 'zod';
import { makeClock } from '../clock';
import { readConfig, type AppEnv } from '../env';
import { consoleLogger } from '../log';
import { respondContext } from '../pipeline/context';
import { handleInput } from '../pipeline/handle-input';
import { parsePostback } from '../pipeline/postback';
import type { Message } from '../send/line-api';
import { CHAT_PAGE, CHAT_SCRIPT } from './chat-page';

const ChatRequestSchema = z.union([
  z.object({ text: z.string().trim().min(1).max(5000), session: z.string().regex(/^[\w-]{1,64}$/).optional() }),
  z.object({ postback: z.string().min(1).max(300), session: z.string().regex(/^[\w-]{1,64}$/).optional() }),
]);

export const devChat = new Hono<AppEnv>();

devChat.use(async (c, next) => {
  if (!readConfig(c.env).DEV_CHAT) return c.notFound();
  await next();
});

devChat.get('/', (c) => c.html(CHAT_PAGE));
devChat.get('/dev/chat.js', (c) => c.body(CHAT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));

devChat.post('/dev/chat', async (c) => {
  const body: unknown = await c.req.json().catch(() => undefined);
  const parsed = ChatRequestSchema.safeParse(body);
  if (!parsed.success) return c.json({ error: 'send {"text": "..."} or {"postback": "..."}' }, 400);
  const config = readConfig(c.env);
  const clock = makeClock(config.NOW);
  const request = parsed.data;
  const sent: Message[] = [];
  const input =
    'text' in request
      ? ({ kind: 'text', text: request.text } as const)
      : ({ kind: 'postback', postback: parsePostback(request.postback), data: request.postback } as const);
  await handleInput(
    { userId: `dev:${request.session ?? 'local'}`, eventId: `dev-${crypto.randomUUID()}`, kind: input.kind, input },
    {
      db: c.env.DB,
      clock,
      log: consoleLogger,
      send: async (messages) => {
        sent.push(...messages);
      },
      context: () => respondContext(clock, consoleLogger),
    },
  );
  return c.json({ messages: sent });
});
