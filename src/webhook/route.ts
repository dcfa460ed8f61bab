// POST /webhook: LINE's webhook (https://developers.line.biz/en/reference/messaging-api/#webhooks).
// Verify the signature over the raw body, parse, answer 200 at once (LINE allows 2 s), then handle each
// event after the response in waitUntil, one try/catch per event so one failure never fails the batch.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { makeClock } from '../clock';
import { readConfig, type AppEnv, type Config } from '../env';
import { consoleLogger, type Logger } from '../log';
import { handleEvent } from '../pipeline/handle-event';
import { verifySignature } from './verify-signature';
import { parseEvents, WebhookBodySchema } from './parse-events';

/** LINE's bodies are a few KB; anything near this size is not LINE. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export const webhook = new Hono<AppEnv>();

webhook.post(
  '/',
  bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: (c) => c.json({ error: 'payload too large' }, 413) }),
  async (c) => {
    const config = readConfig(c.env);
    const raw = await c.req.arrayBuffer();
    if (!(await verifySignature(raw, c.req.header('x-line-signature'), config.LINE_CHANNEL_SECRET))) {
      if (config.LINE_CHANNEL_SECRET === undefined) consoleLogger.error('webhook: LINE_CHANNEL_SECRET is not set; every webhook is refused');
      return c.json({ error: 'invalid signature' }, 401);
    }
    const body = decodeJson(raw);
    const parsed = WebhookBodySchema.safeParse(body);
    if (body === undefined || !parsed.success) return c.json({ error: 'not a LINE webhook body' }, 400);

    const { events, ignored } = parseEvents(parsed.data.events);
    for (const skip of ignored) consoleLogger.info('webhook: event ignored', skip);
    if (events.length > 0) c.executionCtx.waitUntil(handleAll(events, c.env.DB, config, consoleLogger));
    return c.json({});
  },
);

function decodeJson(raw: ArrayBuffer): unknown {
  try {
    // fatal: invalid UTF-8 is a broken body, not text to guess at.
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(raw));
  } catch {
    return undefined;
  }
}

async function handleAll(events: Parameters<typeof handleEvent>[0][], db: D1Database, config: Config, log: Logger): Promise<void> {
  const clock = makeClock(config.NOW);
  // Let the 200 go out before any work starts: the pipeline shares the isolate's one thread.
  await new Promise((resolve) => setTimeout(resolve, 0));
  // In order: a resident's messages in one batch are answered in the order they were sent.
  for (const event of events) {
    try {
      await handleEvent(event, { db, config, clock, log });
    } catch (error) {
      log.error('webhook: event failed', { eventId: event.webhookEventId, type: event.type, error: error instanceof Error ? error.stack : String(error) });
    }
  }
}
