import { describe, expect, it } from 'vitest';
import { query, worker } from './setup';

const chat = (body: unknown) =>
  worker().fetch(new Request('http://bot.test/dev/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

describe('the local chat page', () => {
  it('serves a Japanese, phone-sized chat page at /', async () => {
    const res = await worker().fetch('http://bot.test/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="ja"');
    expect(html).toContain('width=device-width');
  });

  it('answers POST /dev/chat with the LINE messages the webhook would send, and records the turns', async () => {
    const res = await chat({ text: 'どこに相談すればいいかわからない', session: 'devtest1' });
    expect(res.status).toBe(200);
    const data = (await res.json()) as { messages: { type: string }[] };
    expect(data.messages.length).toBeGreaterThan(0);
    expect(data.messages[0]?.type).toMatch(/^(text|flex)$/);
    const rows = await query<{ direction: string }>('SELECT direction FROM messages WHERE user_id = ? ORDER BY id', 'dev:devtest1');
    expect(rows.map((r) => r.direction)).toEqual(['in', 'bot']);
  });

  it('answers a quick-reply postback', async () => {
    const res = await chat({ postback: 'action=howto' });
    const data = (await res.json()) as { messages: { text?: string }[] };
    expect(data.messages[0]?.text).toContain('使い方');
  });

  it('answers 400 to a body without text', async () => {
    expect((await chat({})).status).toBe(400);
    expect((await chat({ text: '' })).status).toBe(400);
  });
});

describe('the production configuration (wrangler.toml as deployed: DEV_CHAT unset)', () => {
  it('answers /healthz and hides the chat page and the dev chat API', async () => {
    const { call } = await import('./staff-support');
    const production = { DEV_CHAT: undefined };
    expect((await call('/healthz', {}, production)).status).toBe(200);
    expect(await (await call('/healthz', {}, production)).json()).toEqual({ ok: true });
    expect((await call('/', {}, production)).status).toBe(404);
    expect((await call('/dev/chat.js', {}, production)).status).toBe(404);
    const post = await call(
      '/dev/chat',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'こんにちは' }) },
      production,
    );
    expect(post.status).toBe(404);
  });
});
