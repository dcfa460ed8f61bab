// The staff console in real headless Chromium against the bot under `wrangler dev`: a crisis message sent
// through the webhook shows up on /staff; a staff member signs in, opens it, changes its status, adds a
// note, and sees both in the audit trail.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/verify/verify-signature';
import { FakeLineApi } from '../support/fake-line-api';
import { events, webhookBody } from '../support/webhook';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STAFF_TOKEN = 'browser-test-staff-token-0123456789';
const SECRET = 'browser-test-channel-secret';
const RESIDENT = 'U0000000000000000000000000browser01';

let fakeServer: Server | undefined;
let wrangler: ChildProcess | undefined;
let browser: Browser | undefined;
let workDir = '';
let botUrl = '';
let output = '';
const fake = new FakeLineApi();

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The fake LINE API on loopback: node:http in front of FakeLineApi.app.fetch. */
async function serveFake(): Promise<string> {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const body = req.method === 'GET' || req.method === 'HEAD' ? null : Buffer.concat(chunks);
      const response = await fake.app.fetch(new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, body }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fakeServer = server;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`staff-browser: ${what} within ${timeoutMs} ms; wrangler said:\n${output.slice(-3000)}`);
}

beforeAll(async () => {
  const lineUrl = await serveFake();
  const port = await freePort();
  workDir = await mkdtemp(join(tmpdir(), 'navi-staff-browser-'));
  // wrangler dev reloads when its sources change; a copy keeps others' edits from restarting it mid-test.
  const src = join(workDir, 'src');
  for (const entry of ['src', 'wrangler.toml', 'tsconfig.json', 'package.json']) await cp(join(ROOT, entry), join(src, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
  const vars = { STAFF_TOKEN, LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'browser-test-access-token', LINE_API_BASE_URL: lineUrl };
  const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', join(workDir, 'state'), '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  wrangler = spawn('npx', args, {
    cwd: src,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  wrangler.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  wrangler.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  botUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    '/healthz did not answer',
    async () => ((await fetch(`${botUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok ? true : undefined),
    90_000,
  );
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30_000,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (wrangler?.pid !== undefined) {
    const pid = wrangler.pid;
    const exited = new Promise((r) => wrangler?.once('exit', r));
    try {
      process.kill(-pid, 'SIGTERM'); // the whole group: wrangler, esbuild and workerd
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await new Promise<void>((r) => (fakeServer === undefined ? r() : fakeServer.close(() => r())));
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
}, 30_000);

describe('staff console in Chromium', () => {
  it('signs in, sees the escalation from a webhook, opens it, changes its status and adds a note', async () => {
    const body = webhookBody([events.text('もう死にたい', { userId: RESIDENT })]);
    const posted = await fetch(`${botUrl}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': await signBody(body, SECRET) },
      body,
    });
    expect(posted.status).toBe(200);
    await fake.waitFor((calls) => calls.some((c) => c.endpoint === 'reply' || c.endpoint === 'push'), 20_000);

    // Without the token the API serves nothing; with it, the escalation is there.
    const denied = await fetch(`${botUrl}/staff/api/escalations`);
    expect(denied.status).toBe(401);
    expect(await denied.text()).not.toContain('死にたい');
    const escalationId = await waitFor(
      'the escalation did not appear in GET /staff/api/escalations',
      async () => {
        const res = await fetch(`${botUrl}/staff/api/escalations`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
        const json: unknown = await res.json();
        const list = typeof json === 'object' && json !== null ? Reflect.get(json, 'escalations') : undefined;
        const first: unknown = Array.isArray(list) ? list[0] : undefined;
        const id: unknown = typeof first === 'object' && first !== null ? Reflect.get(first, 'id') : undefined;
        return typeof id === 'number' ? id : undefined;
      },
      20_000,
    );

    if (browser === undefined) throw new Error('staff-browser: Chromium did not start');
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(`${botUrl}/staff`);
      expect(new URL(page.url()).pathname).toBe('/staff/login');
      await page.fill('input[name=name]', '練馬 花子');
      await page.fill('input[name=token]', STAFF_TOKEN);
      await Promise.all([page.waitForURL(`${botUrl}/staff`), page.click('button[type=submit]')]);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === '__Host-navi-staff')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

      const item = page.locator(`a[data-escalation="${escalationId}"]`);
      await expect(item.textContent()).resolves.toContain('もう死にたい');
      await expect(item.textContent()).resolves.toContain('新規');
      await Promise.all([page.waitForURL(`${botUrl}/staff/escalations/${escalationId}`), item.click()]);
      await expect(page.textContent('main')).resolves.toContain('もう死にたい');

      await page.selectOption('select[name=status]', 'in_progress');
      await Promise.all([page.waitForURL(/done=status/), page.click('form[action$="/status"] button')]);
      await page.fill('textarea[name=note]', '朝一番に電話で連絡する');
      await Promise.all([page.waitForURL(/done=note/), page.click('form[action$="/notes"] button')]);

      const audit = await page.textContent('#audit');
      expect(audit).toContain('新規 → 対応中');
      expect(audit).toContain('朝一番に電話で連絡する');
      expect(audit).toContain('練馬 花子');
      await expect(page.textContent('main')).resolves.toContain('対応中');
    } finally {
      await context.close();
    }
  }, 90_000);
});
