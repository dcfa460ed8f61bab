// Shared set-up for tests in workerd: the Worker under test, the fake LINE API in front of its fetch.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { Bindings } from '../../src/core/env';
import worker_ from '../../src/index';
import { FakeLineApi } from '../support/fake-line-api';
import { signedRequest, webhookBody } from '../support/webhook';

export const SECRET = 'test-channel-secret';
export const LINE_BASE = 'http://fake-line.test';

export function worker() {
  return exports.default;
}

/** Installs a fresh fake LINE API for one test; call the returned `restore` in afterEach. */
export function fakeLine(): { fake: FakeLineApi; restore: () => void } {
  const fake = new FakeLineApi();
  return { fake, restore: fake.intercept(LINE_BASE) };
}

export async function postWebhook(list: unknown[], secret = SECRET): Promise<Response> {
  return worker().fetch(await signedRequest('http://bot.test/webhook', webhookBody(list), secret));
}

/**
 * A signed webhook through the Worker with these bindings (vitest.config.ts's, overridden), returning
 * the response at once and `done`, which settles when every waitUntil of the request has finished
 * (waitOnExecutionContext), so a test checks the outcome without a fixed sleep.
 */
export async function deliverWebhook(list: unknown[], bindings: Partial<Bindings> = {}): Promise<{ response: Response; done: Promise<void> }> {
  const ctx = createExecutionContext();
  const response = await worker_.fetch(await signedRequest('http://bot.test/webhook', webhookBody(list), SECRET), { ...env, ...bindings }, ctx);
  return { response, done: waitOnExecutionContext(ctx) };
}

export async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const result = await env.DB.prepare(sql)
    .bind(...params)
    .all<T>();
  return result.results;
}
