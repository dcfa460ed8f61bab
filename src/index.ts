// Wires the routes and the error funnel; the work lives in the modules each route names.
import './analyse/startup-tokenizer'; // first: the analyser is built at start-up, not on a request
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, Bindings } from './env';
import { consoleLogger } from './log';
import { devChat } from './dev/route';
import { webhook } from './webhook/route';
import { staff } from './staff/route';
import { runRetention } from './staff/retention';

const app = new Hono<AppEnv>();

app.route('/webhook', webhook);
app.route('/staff', staff);
app.route('/', devChat);
app.get('/healthz', (c) => c.json({ ok: true }));

app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  // Log with context; answer a generic body (never a stack trace).
  consoleLogger.error('http: unhandled error', { method: c.req.method, path: c.req.path, error: error.stack ?? error.message });
  return c.json({ error: 'internal error' }, 500);
});

// fetch for HTTP, scheduled for the daily retention clean-up (wrangler.toml [triggers]).
export default {
  fetch: app.fetch,
  scheduled: (_controller, env, ctx) => ctx.waitUntil(runRetention(env).then(() => undefined)),
} satisfies ExportedHandler<Bindings>;
