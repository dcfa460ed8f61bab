// Try the bot without LINE: GET / serves a chat page and POST /dev/chat runs the same pipeline as the
// webhook (handleInput), returning the LINE message objects instead of sending them. On only when
// DEV_CHAT=on, which `npm start` sets; the default configuration (a deploy) has it off.
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { makeClock } from '../core/clock';
import { type AppEnv, readConfig } from '../core/env';
import { consoleLogger } from '../core/log';
import { parsePostback } from '../compose/postback';
import { cleanText } from '../parse/resident-text';
import { respondContext } from '../pipeline/context';
import { handleInput } from '../pipeline/handle-input';
import type { Input } from '../pipeline/respond';
import type { Message } from '../send/line-api';
import { CHAT_PAGE, CHAT_SCRIPT } from './chat-page';

const Session = z
  .string()
  .regex(/^[\w-]{1,64}$/)
  .optional();
const ChatRequestSchema = z.union([
  z.object({ text: z.string().trim().min(1).max(5000), session: Session }),
  z.object({ postback: z.string().min(1).max(300), session: Session }),
]);

export const devChat = new Hono<AppEnv>();

// Only the chat's own paths are switched: /healthz and every other route are untouched.
devChat.use('/', async (c, next) => (readConfig(c.env).DEV_CHAT ? next() : c.notFound()));
devChat.use('/dev/*', async (c, next) => (readConfig(c.env).DEV_CHAT ? next() : c.notFound()));

devChat.get('/', (c) => c.html(CHAT_PAGE));
devChat.get('/dev/chat.js', (c) => c.body(CHAT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));

devChat.post(
  '/dev/chat',
  validator('json', (value, c) => {
    const parsed = ChatRequestSchema.safeParse(value);
    return parsed.success ? parsed.data : c.json({ error: 'send {"text": "..."} or {"postback": "..."}' }, 400);
  }),
  async (c) => {
    const request = c.req.valid('json');
    const clock = makeClock(readConfig(c.env).NOW);
    const sent: Message[] = [];
    const input: Input =
      'text' in request
        ? { kind: 'text', text: cleanText(request.text) }
        : { kind: 'postback', postback: parsePostback(request.postback), data: cleanText(request.postback) };
    await handleInput(
      { userId: `dev:${request.session ?? 'local'}`, eventId: `dev-${crypto.randomUUID()}`, kind: input.kind, input },
      {
        db: c.env.DB,
        clock,
        log: consoleLogger,
        sender: {
          deliver: async (d) => {
            sent.push(...d.messages);
            return { status: 'sent', via: 'reply', attempts: 1 };
          },
        },
        // The chat page is for trying the bot: it notifies no one.
        notifier: { channels: [], send: async () => ({ ok: true }) },
        context: () => respondContext(clock, consoleLogger),
      },
    );
    return c.json({ messages: sent });
  },
);
