// The run contract, black-box: `npm start -- --ip … --port … --persist-to <empty dir> --var …` on a
// copy of the project, answering signed webhooks through a fake LINE API on loopback, with the clock
// fixed by NOW — a Saturday night, a public holiday and the year-end closure.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/verify/verify-signature';
import { serveFakeLine, type ServedFake } from '../support/serve-fake-line';
import { freePort } from '../support/start-bot';
import type { LineCall } from '../support/fake-line-api';
import { events, webhookBody } from '../support/webhook';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 's';

type Started = { url: string; stop: () => Promise<void> };

/** `npm start -- …` exactly as the contract says, in a copy of the project (so its build never races other tests). */
async function npmStart(fakeUrl: string, now: string): Promise<Started> {
  const dir = await mkdtemp(join(tmpdir(), 'navi-contract-'));
  const project = join(dir, 'p');
  const persist = join(dir, 'state'); // does not exist yet: the bot must set itself up
  for (const entry of ['src', 'scripts', 'knowledge', 'prompts', 'migrations', 'training', 'test/eval', 'wrangler.toml', 'tsconfig.json', 'package.json'])
    await cp(join(ROOT, entry), join(project, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  await symlink(join(ROOT, '..', 'shared'), join(dir, 'shared'), 'dir').catch(() => undefined);
  const port = await freePort();
  const args = [
    'start',
    '--',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--persist-to',
    persist,
    '--var',
    `LINE_CHANNEL_SECRET:${SECRET}`,
    '--var',
    'LINE_CHANNEL_ACCESS_TOKEN:t',
    '--var',
    `LINE_API_BASE_URL:${fakeUrl}`,
    '--var',
    `NOW:${now}`,
    '--show-interactive-dev-session=false',
  ];
  const child = spawn('npm', args, {
    cwd: project,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return { url, stop };
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`run-contract: npm start did not come up:\n${output.slice(-3000)}`);
}

async function post(url: string, body: string, signature?: string): Promise<Response> {
  return fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signature ?? (await signBody(body, SECRET)) },
    body,
  });
}

const replyText = (call: LineCall | undefined): string => JSON.stringify(call?.body ?? {});

let served: ServedFake;
beforeAll(async () => {
  served = await serveFakeLine();
});
afterAll(async () => {
  await served?.close();
});

describe('npm start on an empty --persist-to, Saturday 23:30', () => {
  let bot: Started;
  beforeAll(async () => {
    bot = await npmStart(served.url, '2026-11-28T23:30:00+09:00');
  }, 180_000);
  afterAll(async () => bot?.stop());

  it('answers 200 to Verify, 401 to a forged signature and 400 to broken JSON', async () => {
    expect((await post(bot.url, webhookBody([]))).status).toBe(200);
    expect((await post(bot.url, webhookBody([events.text('x')]), 'Zm9yZ2Vk')).status).toBe(401);
    expect((await post(bot.url, '{"destination":"x","events":[')).status).toBe(400);
  });

  it("answers a resident's words with windows: a call button, and no hour that no source gives", async () => {
    const fake = served.reset();
    const event = events.text('仕事をクビになって来月の家賃が払えない');
    expect((await post(bot.url, webhookBody([event]))).status).toBe(200);
    const [call] = await fake.waitFor((calls) => calls.some((c) => c.endpoint === 'reply'), 30_000);
    expect(call?.path).toBe('/v2/bot/message/reply');
    const body = replyText(call);
    expect(body).toContain('"type":"flex"');
    expect(body).toContain('tel:');
    // 生活サポートセンター: no source gives its days or hours, so the card says so and claims nothing.
    expect(body).toContain('受付日時は窓口に確認してください');
    expect(body).not.toContain('いまは窓口の受付時間外です');
  });

  it('answers a redelivered event once', async () => {
    const fake = served.reset();
    const event = events.text('介護保険の申請をしたい');
    await post(bot.url, webhookBody([event]));
    await fake.waitFor((calls) => calls.length >= 1, 30_000);
    await post(bot.url, webhookBody([{ ...event, deliveryContext: { isRedelivery: true } }]));
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.callsTo('reply')).toHaveLength(1);
  });

  it('answers 「死にたい」 at night with a line open now', async () => {
    const fake = served.reset();
    await post(bot.url, webhookBody([events.text('死にたい')]));
    const [call] = await fake.waitFor((calls) => calls.some((c) => c.endpoint === 'reply'), 30_000);
    const body = replyText(call);
    expect(body).toContain('24時間受付');
    expect(body).toContain('03-3264-4343'); // 東京いのちの電話 (24 h, contacts.md)
  });
});

/** Every number the knowledge base gives as 24 hours (from the built knowledge, read apart from the bot). */
async function alwaysNumbers(): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const data: unknown = JSON.parse(await readFile(join(ROOT, 'src/generated/knowledge.json'), 'utf8'));
  const numbers: string[] = [];
  const entries = typeof data === 'object' && data !== null && 'entries' in data && Array.isArray(data.entries) ? data.entries : [];
  for (const e of entries) {
    const entryAlways = e?.hours?.always === true;
    for (const p of Array.isArray(e?.phones) ? e.phones : [])
      if (p?.hours?.always === true || (p?.hours === undefined && entryAlways)) numbers.push(String(p.number));
  }
  return numbers;
}

describe.each([
  ['Saturday night', '2026-11-28T23:30:00+09:00'],
  ['a public holiday', '2026-11-23T03:00:00+09:00'],
  ['the year-end', '2026-12-30T23:00:00+09:00'],
])('from outside, on %s: no 24-hour line is printed as closed, and "free" never stands beside a paid number', (_name, now) => {
  let bot: Started;
  beforeAll(async () => {
    bot = await npmStart(served.url, now);
  }, 180_000);
  afterAll(async () => bot?.stop());

  it.each(['死にたい', '子どもが毎日叩かれている声がする', 'おとうさんに毎日たたかれる。こわい', 'レイプされた', '夫に殴られる', '祖母が施設で叩かれている'])(
    '%s',
    async (text) => {
      const fake = served.reset();
      await post(bot.url, webhookBody([events.text(text)]));
      const [call] = await fake.waitFor((calls) => calls.some((c) => c.endpoint === 'reply'), 30_000);
      const messages = ((call?.body as { messages?: { text?: string }[] } | undefined)?.messages ?? []).map((m) => m.text ?? '').join('\n');
      for (const number of await alwaysNumbers()) {
        for (const m of messages.matchAll(new RegExp(`${number.replace(/[#]/g, '\\$&')}（([^）]*)`, 'g')))
          expect(m[1], `${number} at ${now}`).not.toMatch(/時間外/);
      }
      if (messages.includes('お金はかかりません')) expect(messages).not.toMatch(/通話料がかかります/);
    },
  );
});

describe.each([
  ['a public holiday (Mon 2026-11-23, 勤労感謝の日)', '2026-11-23T10:00:00+09:00', '11月24日（火）'],
  ['the year-end closure (2026-12-30)', '2026-12-30T10:00:00+09:00', '1月4日（月）'],
])('npm start on %s', (_name, now, nextDay) => {
  let bot: Started;
  beforeAll(async () => {
    bot = await npmStart(served.url, now);
  }, 180_000);
  afterAll(async () => bot?.stop());

  it(`says the window is closed and opens next on ${nextDay}`, async () => {
    const fake = served.reset();
    // 保健相談所: 月–金 8:30–17:00, closed on holidays and at the year-end (its own source says so).
    await post(bot.url, webhookBody([events.text('北保健相談所に行きたい')]));
    const [call] = await fake.waitFor((calls) => calls.some((c) => c.endpoint === 'reply'), 30_000);
    const body = replyText(call);
    expect(body).toContain('時間外');
    expect(body).toContain(nextDay);
  });
});
