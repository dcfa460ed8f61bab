// A fake LINE Messaging API (reply, push, loading) that behaves like LINE where it matters to us:
// reply tokens are single-use, a push with a used X-Line-Retry-Key answers 409, and failures can be
// scripted (5xx, 429 with Retry-After, network errors, slowness). Runs inside workerd (installed as a
// fetch interceptor) and in Node (served on loopback by the black-box tests and the bench).
import { Hono } from 'hono';

export type LineCall = {
  endpoint: Endpoint;
  path: string;
  body: unknown;
  retryKey: string | undefined;
  authorization: string | undefined;
  at: number;
  status: number;
};
export type Failure = { status: number; retryAfter?: number; body?: string } | 'network' | { delayMs: number };
export type Endpoint = 'reply' | 'push' | 'loading' | 'richmenu' | 'staff-hook';

export class FakeLineApi {
  readonly calls: LineCall[] = [];
  private readonly failures: Record<Endpoint, Failure[]> = { reply: [], push: [], loading: [], richmenu: [], 'staff-hook': [] };
  /** Until this time (ms since epoch) every reply and push answers 503: LINE down for a while. */
  private downUntil = 0;
  private readonly usedTokens = new Set<string>();
  private readonly usedRetryKeys = new Set<string>();
  /** Every reply token is rejected as LINE does once it has expired. */
  expireReplyTokens = false;
  /** Answer every call this much later (a slow LINE API). */
  delayMs = 0;
  readonly app = new Hono();

  constructor() {
    this.app.post('/v2/bot/message/reply', async (c) => {
      const body = await c.req.json<{ replyToken?: string }>();
      return this.handle('reply', c.req.raw, body, () => {
        const token = body.replyToken ?? '';
        if (this.expireReplyTokens || this.usedTokens.has(token))
          return Response.json({ message: 'Invalid reply token' }, { status: 400, headers: { 'x-line-request-id': crypto.randomUUID() } });
        this.usedTokens.add(token);
        return Response.json({ sentMessages: [] }, { headers: { 'x-line-request-id': crypto.randomUUID() } });
      });
    });
    this.app.post('/v2/bot/message/push', async (c) => {
      const body = await c.req.json();
      return this.handle('push', c.req.raw, body, () => {
        const key = c.req.header('x-line-retry-key');
        if (key !== undefined && this.usedRetryKeys.has(key)) return Response.json({ message: 'The retry key is already accepted' }, { status: 409 });
        if (key !== undefined) this.usedRetryKeys.add(key);
        return Response.json({ sentMessages: [] }, { headers: { 'x-line-request-id': crypto.randomUUID() } });
      });
    });
    // Not LINE: a staff webhook receiver (STAFF_WEBHOOK_URL pointed here), never slowed or failed with LINE.
    this.app.post('/staff-hook', async (c) => {
      const call: LineCall = {
        endpoint: 'staff-hook',
        path: '/staff-hook',
        body: await c.req.json(),
        retryKey: c.req.header('idempotency-key'),
        authorization: undefined,
        at: Date.now(),
        status: 200,
      };
      this.calls.push(call);
      return c.json({});
    });
    this.app.post('/v2/bot/chat/loading/start', async (c) => this.handle('loading', c.req.raw, await c.req.json(), () => Response.json({}, { status: 202 })));
    this.app.post('/v2/bot/richmenu', async (c) =>
      this.handle('richmenu', c.req.raw, await c.req.json(), () => Response.json({ richMenuId: 'richmenu-fake-0001' })),
    );
    this.app.post('/v2/bot/richmenu/:id/content', async (c) => {
      const body = { bytes: (await c.req.arrayBuffer()).byteLength, contentType: c.req.header('content-type') };
      return this.handle('richmenu', c.req.raw, body, () => Response.json({}));
    });
    this.app.post('/v2/bot/user/all/richmenu/:id', (c) => this.handle('richmenu', c.req.raw, {}, () => Response.json({})));
    this.app.all('*', (c) => c.json({ message: `fake LINE API: no such endpoint ${c.req.method} ${c.req.path}` }, 404));
  }

  /** LINE answers 503 to every reply and push for the next `ms` milliseconds. */
  goDown(ms: number): void {
    this.downUntil = Date.now() + ms;
  }

  /** LINE is healthy again: forget every scripted failure and delay. */
  recover(): void {
    this.downUntil = 0;
    for (const list of Object.values(this.failures)) list.length = 0;
    this.delayMs = 0;
    this.expireReplyTokens = false;
  }

  /** Script the next calls to an endpoint to fail, in order. */
  failNext(endpoint: Endpoint, ...failures: Failure[]): void {
    this.failures[endpoint].push(...failures);
  }

  /** The reply and push calls LINE accepted, in order: what the resident actually received. */
  get delivered(): LineCall[] {
    return this.calls.filter((c) => (c.endpoint === 'reply' || c.endpoint === 'push') && c.status === 200);
  }

  callsTo(endpoint: Endpoint): LineCall[] {
    return this.calls.filter((c) => c.endpoint === endpoint);
  }

  async waitFor(predicate: (calls: LineCall[]) => boolean, timeoutMs = 10_000): Promise<LineCall[]> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (predicate(this.calls)) return this.calls;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`fake LINE API: condition not met within ${timeoutMs} ms; calls: ${JSON.stringify(this.calls.map((c) => c.path))}`);
  }

  /** Serve requests for `baseUrl` from this fake, inside workerd (the Worker's fetch goes through globalThis). */
  intercept(baseUrl: string): () => void {
    const original = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (!request.url.startsWith(baseUrl)) return original(input, init);
      const outcome = await this.app.fetch(request);
      if (outcome.headers.get('x-fake-network-error') === '1') throw new TypeError('fetch failed: network error (fake)');
      return outcome;
    };
    return () => {
      globalThis.fetch = original;
    };
  }

  private async handle(endpoint: Endpoint, request: Request, body: unknown, answer: () => Response): Promise<Response> {
    const call: LineCall = {
      endpoint,
      path: new URL(request.url).pathname,
      body,
      retryKey: request.headers.get('x-line-retry-key') ?? undefined,
      authorization: request.headers.get('authorization') ?? undefined,
      at: Date.now(),
      status: 0,
    };
    this.calls.push(call);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const down = (endpoint === 'reply' || endpoint === 'push') && Date.now() < this.downUntil;
    const failure = down ? { status: 503 } : this.failures[endpoint].shift();
    let response: Response;
    if (failure === undefined) response = answer();
    else if (failure === 'network') response = new Response(null, { status: 599, headers: { 'x-fake-network-error': '1' } });
    else if ('delayMs' in failure) {
      await new Promise((r) => setTimeout(r, failure.delayMs));
      response = answer();
    } else {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-line-request-id': crypto.randomUUID() };
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      response = new Response(failure.body ?? JSON.stringify({ message: `fake failure ${failure.status}` }), { status: failure.status, headers });
    }
    call.status = failure === 'network' ? 0 : response.status;
    return response;
  }
}
