// Property-based fuzzing of POST /webhook (fast-check) in workerd with real D1: whatever arrives, the
// answer is 200 or 4xx (never 5xx, never a throw), a rejected request writes nothing, and a body whose
// signature does not match never reaches the pipeline.
import fc from 'fast-check';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureSchema } from '../../src/record/migrate';
import { signBody } from '../../src/verify/verify-signature';
import type { FakeLineApi } from '../support/fake-line-api';
import { events, webhookBody } from '../support/webhook';
import { fakeLine, SECRET, worker } from './setup';

let fake: FakeLineApi;
let restore: () => void;
beforeAll(async () => ensureSchema(env.DB));
beforeEach(() => ({ fake, restore } = fakeLine()));
afterEach(() => restore());

const TABLES = ['messages', 'processed_events', 'conversations', 'escalations', 'escalation_events'] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? -1;
  return counts;
}

/** Lets any waitUntil work scheduled by the requests run before we look at D1 and the fake. */
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Waits until accepted events have all been handled (calls and rows stop changing), so no late work leaks into the next test. */
async function quiesce(): Promise<void> {
  let last = '';
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = JSON.stringify([fake.calls.length, await rowCounts()]);
    if (now === last) return;
    last = now;
  }
}

async function post(body: string | Uint8Array, signature: string | undefined): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['x-line-signature'] = signature;
  const res = await worker().fetch(new Request('http://bot.test/webhook', { method: 'POST', body, headers }));
  await res.arrayBuffer();
  return res.status;
}

async function postSigned(body: string | Uint8Array): Promise<number> {
  const bytes = typeof body === 'string' ? body : body.slice().buffer;
  return post(body, await signBody(bytes, SECRET));
}

const okOr4xx = (status: number) => status === 200 || (status >= 400 && status < 500);

const validEvent = fc.oneof(
  fc.string({ maxLength: 200 }).map((t) => events.text(t)),
  fc.constant(null).map(() => events.follow()),
  fc.string({ maxLength: 300 }).map((d) => events.postback(d)),
  fc.constantFrom('image', 'audio', 'video', 'location' as const).map((t) => events.media(t)),
);
const validBody = fc.array(validEvent, { minLength: 1, maxLength: 3 }).map((list) => webhookBody(list));

/** Bodies that are not a LINE webhook at all: nothing in them can be handled. */
const notAWebhook = fc.oneof(
  fc.string({ maxLength: 2_000 }),
  fc.string({ unit: 'binary', maxLength: 2_000 }),
  fc.json({ maxDepth: 6 }).filter((j) => !j.includes('"events"')),
  // Truncated JSON: a proper body cut anywhere before its end.
  fc.tuple(validBody, fc.nat()).map(([b, n]) => b.slice(0, n % b.length)),
  // Nested garbage at the top level.
  fc.anything({ maxDepth: 8, withBigInt: false }).map((v) => JSON.stringify({ nested: v }) ?? 'null'),
  // Deep nesting that stresses recursive parsers.
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
);

/** Invalid UTF-8: a valid body with bytes that can never occur in UTF-8 spliced in. */
const invalidUtf8 = fc
  .tuple(validBody, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0xff, 0xfe, 0xc0, 0xc1, 0xf5, 0x80)), { minLength: 1, maxLength: 5 }))
  .map(([body, splices]) => {
    const bytes = new TextEncoder().encode(body);
    for (const [at, byte] of splices) bytes[at % bytes.length] = byte;
    return bytes;
  });

/** Webhook-shaped bodies whose events are wrong: wrong types, unknown types, huge strings, garbage. */
const FIELDS = ['type', 'mode', 'timestamp', 'source', 'webhookEventId', 'deliveryContext', 'replyToken', 'message', 'postback'] as const;
const oddEvent = fc.oneof(
  // One field replaced by anything at all (or removed).
  fc.tuple(validEvent, fc.constantFrom(...FIELDS), fc.option(fc.anything({ maxDepth: 4, withBigInt: false }))).map(([e, field, value]) => {
    const copy: Record<string, unknown> = { ...e };
    if (value === null) delete copy[field];
    else copy[field] = value;
    return copy;
  }),
  // Unknown event types.
  fc.tuple(validEvent, fc.string({ maxLength: 30 })).map(([e, type]) => ({ ...e, type })),
  // Unknown message types.
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.anything({ maxDepth: 3, withBigInt: false }))
    .map(([type, extra]) => ({ ...events.text('x'), message: { type, id: '1', extra } })),
  // Nested garbage as an event.
  fc.anything({ maxDepth: 8, withBigInt: false }),
  // Huge strings where LINE puts short ones (the body stays under the 256 KB limit).
  fc.integer({ min: 10_000, max: 60_000 }).map((n) => ({ ...events.text('あ'.repeat(n)), webhookEventId: 'x'.repeat(n) })),
);
const oddBody = fc.oneof(
  fc.array(oddEvent, { maxLength: 4 }).map((list) => webhookBody(list)),
  fc
    .tuple(fc.anything({ maxDepth: 4, withBigInt: false }), fc.anything({ maxDepth: 4, withBigInt: false }))
    .map(([destination, evs]) => JSON.stringify({ destination, events: evs }) ?? '{}'),
);

describe('fuzz: POST /webhook', () => {
  it('answers 200 or 4xx to anything that is not a webhook body, and writes nothing', async () => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(fc.oneof(notAWebhook, invalidUtf8), async (body) => {
        const status = await postSigned(body);
        expect(okOr4xx(status), `status ${status}`).toBe(true);
      }),
      { numRuns: 100 },
    );
    await settle();
    expect(await rowCounts()).toEqual(before);
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects invalid UTF-8 with 400 and truncated JSON with 400', async () => {
    await fc.assert(
      fc.asyncProperty(invalidUtf8, async (bytes) => {
        expect(await postSigned(bytes)).toBe(400);
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.tuple(validBody, fc.nat()), async ([body, n]) => {
        expect(await postSigned(body.slice(0, n % body.length))).toBe(400);
      }),
      { numRuns: 40 },
    );
  });

  it('answers 200 or 4xx, never 5xx, to webhook-shaped bodies with wrong, unknown or garbage events', async () => {
    await fc.assert(
      fc.asyncProperty(oddBody, async (body) => {
        const status = await postSigned(body);
        expect(okOr4xx(status), `status ${status}`).toBe(true);
      }),
      { numRuns: 100 },
    );
    await quiesce();
  });

  it('answers 413 to 1 MB bodies, signed or not, and writes nothing', async () => {
    const before = await rowCounts();
    const mb = 1024 * 1024;
    const bodies: (string | Uint8Array)[] = [
      'a'.repeat(mb),
      webhookBody([events.text('あ'.repeat(mb / 3))]),
      new Uint8Array(mb).fill(0xff),
      `{"destination":"x","events":[${'{},'.repeat(mb / 3)}{}]}`,
    ];
    for (const body of bodies) {
      expect(await postSigned(body)).toBe(413);
      expect(await post(body, undefined)).toBe(413);
    }
    await settle();
    expect(await rowCounts()).toEqual(before);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('fuzz: signatures', () => {
  it('never lets a forged or replayed signature reach the pipeline', async () => {
    const before = await rowCounts();
    const forged = fc.oneof(
      // Replayed: a genuine signature, but of another body.
      fc
        .tuple(validBody, validBody)
        .filter(([a, b]) => a !== b)
        .map(([body, other]) => ({ body, sign: () => signBody(other, SECRET) })),
      // Signed with another secret.
      fc
        .tuple(
          validBody,
          fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== SECRET),
        )
        .map(([body, secret]) => ({ body, sign: () => signBody(body, secret) })),
      // Random bytes of the right length, or random text.
      fc
        .tuple(validBody, fc.uint8Array({ minLength: 32, maxLength: 32 }))
        .map(([body, mac]) => ({ body, sign: async () => btoa(String.fromCharCode(...mac)) })),
      fc.tuple(validBody, fc.string({ maxLength: 100 })).map(([body, text]) => ({ body, sign: async () => text })),
      // A genuine signature of this body, one character changed.
      fc.tuple(validBody, fc.nat()).map(([body, at]) => ({
        body,
        sign: async () => {
          const sig = await signBody(body, SECRET);
          // Not the last character before '=': its low bits are padding, and changing them changes nothing.
          const i = at % (sig.length - 2);
          return sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1);
        },
      })),
    );
    await fc.assert(
      fc.asyncProperty(forged, async ({ body, sign }) => {
        expect(await post(body, await sign())).toBe(401);
      }),
      { numRuns: 100 },
    );
    await settle();
    expect(fake.calls).toHaveLength(0);
    expect(await rowCounts()).toEqual(before);
  });
});
