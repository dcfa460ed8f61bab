// Wires the routes, the error funnel, the cron jobs and the Queue consumer; the work lives in the
// modules each names.
import './analyse/startup-tokenizer'; // first: the analyser is built at start-up, not on a request
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, Bindings } from './core/env';
import { consoleLogger } from './core/log';
import { devChat } from './dev/route';
import { consumeQueue } from './jobs/queue';
import { runScheduled } from './jobs/scheduled';
import { staff } from './staff/route';
import { webhook } from './webhook/route';

const app = new Hono<AppEnv>();

app.get('/healthz', (c) => c.json({ ok: true }));
app.route('/webhook', webhook);
app.route('/staff', staff);
app.route('/', devChat);

app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  // Log with context; answer a generic body (never a stack trace).
  consoleLogger.error('http: unhandled error', { method: c.req.method, path: c.req.path, error: error.stack ?? error.message });
  return c.json({ error: 'internal error' }, 500);
});

export default {
  fetch: app.fetch,
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(controller.cron, env)),
  queue: (batch, env) => consumeQueue(batch, env),
} satisfies ExportedHandler<Bindings>;
