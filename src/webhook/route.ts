// POST /webhook: LINE's webhook (https://developers.line.biz/en/reference/messaging-api/#webhooks).
// Verify the signature over the raw body, parse, answer 200 at once (LINE allows 2 s), then handle each
// event after the response in waitUntil, one try/catch per event so one failure never fails the batch.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { makeClock } from '../core/clock';
import { type AppEnv, type Bindings, type Config, readConfig } from '../core/env';
import { consoleLogger, type Logger } from '../core/log';
import { type LineEvent, parseEvents, toWork, WebhookBodySchema } from '../parse/parse-events';
import { handleInput } from '../pipeline/handle-input';
import { linePipelineDeps } from '../pipeline/line-deps';
import { forgetResident } from '../record/conversations';
import { ensureSchema } from '../record/migrate';
import { verifySignature } from '../verify/verify-signature';

/** LINE's bodies are a few KB; anything near this size is not LINE. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export const webhook = new Hono<AppEnv>();

webhook.post('/', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: (c) => c.json({ error: 'payload too large' }, 413) }), async (c) => {
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
  if (events.length > 0) c.executionCtx.waitUntil(handleAll(events, c.env, config, consoleLogger));
  return c.json({});
});

function decodeJson(raw: ArrayBuffer): unknown {
  try {
    // fatal: invalid UTF-8 is a broken body, not text to guess at.
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(raw));
  } catch {
    return undefined;
  }
}

async function handleAll(events: LineEvent[], env: Bindings, config: Config, log: Logger): Promise<void> {
  const clock = makeClock(config.NOW);
  const deps = linePipelineDeps(env, config, log, clock);
  // Let the 200 go out before any work starts: the pipeline shares the isolate's one thread.
  await new Promise((resolve) => setTimeout(resolve, 0));
  // In order: a resident's messages in one batch are answered in the order they were sent.
  for (const event of events) {
    try {
      const work = toWork(event);
      if (work.kind === 'unfollow') {
        await ensureSchema(env.DB);
        const { kept } = await forgetResident(env.DB, work.userId, clock());
        log.info('unfollow: resident data', { eventId: work.eventId, kept });
        continue;
      }
      const outcome = await handleInput(work.input, deps);
      if (outcome.status === 'duplicate')
        log.info('webhook: duplicate event skipped', { eventId: event.webhookEventId, isRedelivery: event.deliveryContext.isRedelivery });
    } catch (error) {
      log.error('webhook: event failed', { eventId: event.webhookEventId, type: event.type, error: error instanceof Error ? error.stack : String(error) });
    }
  }
}
