// Serves a FakeLineApi on a loopback port with node:http, so a bot under `wrangler dev` can call it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeLineApi } from './fake-line-api';

export type ServedFake = {
  /** The fake answering now. */
  readonly fake: FakeLineApi;
  /** Puts a fresh fake (no calls, no scripted failures) behind the same port, for the next test. */
  reset: () => FakeLineApi;
  /**
   * The next `count` calls to this path are handled by the fake (a push's retry key is taken) but the
   * connection drops before the answer: LINE accepted it and the bot cannot know.
   */
  loseResponses: (path: string, count: number) => void;
  url: string;
  port: number;
  close: () => Promise<void>;
};

/** Starts the fake on 127.0.0.1 (a free port unless one is given). Only loopback: it is a test double. */
export async function serveFakeLine(first = new FakeLineApi(), port = 0): Promise<ServedFake> {
  let current = first;
  const lost = new Map<string, number>();
  const server = createServer((req, res) => {
    handle(current, lost, req, res).catch((error: unknown) => {
      // A bug in the fake must show up in the test output, not as a hung socket.
      console.error('serve-fake-line: handler failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('serve-fake-line: handler failed');
    });
  });
  // workerd reuses keep-alive connections; a short server timeout races its reuse and shows up as
  // "Network connection lost" in the bot. close() drops the idle sockets anyway.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    get fake() {
      return current;
    },
    reset: () => {
      lost.clear();
      current = new FakeLineApi();
      return current;
    },
    loseResponses: (path, count) => lost.set(path, count),
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(fake: FakeLineApi, lost: Map<string, number>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, body: hasBody ? Buffer.concat(chunks) : null });
  const response = await fake.app.fetch(request);
  // The fake marks a scripted network error this way; over a real socket it becomes a dropped connection.
  const path = new URL(request.url).pathname;
  const toLose = lost.get(path) ?? 0;
  if (toLose > 0) lost.set(path, toLose - 1);
  if (response.headers.get('x-fake-network-error') === '1' || toLose > 0) {
    req.socket.destroy();
    return;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}
