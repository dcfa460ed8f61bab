// The rich menu: menu.yaml is valid, every area is a postback the bot answers, the committed image fits
// LINE's rules, and `npm run richmenu` makes the three Messaging API calls (against the fake LINE API).
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { imagePath, imageSize, loadMenu, MAX_IMAGE_BYTES, MenuSchema, richMenuRequest } from '../../scripts/richmenu-menu';
import { CATEGORY_LABELS } from '../../src/compose/category-labels';
import { CategorySchema } from '../../src/knowledge/schema';
import { parsePostback } from '../../src/compose/postback';
import { serveFakeLine, type ServedFake } from '../support/serve-fake-line';

const menu = loadMenu();

describe('richmenu/menu.yaml', () => {
  it('validates, with LINE large-menu size and a chat bar text', () => {
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
    expect(menu.chatBarText).toBe('メニュー');
    expect(menu.selected).toBe(true);
    expect(menu.areas.length).toBeLessThanOrEqual(12);
  });

  it('posts only postbacks the bot parses, and offers talk-now, howto and categories it knows', () => {
    const postbacks = menu.areas.map((area) => parsePostback(area.data));
    expect(postbacks).not.toContain(undefined);
    const actions = postbacks.map((p) => p?.action);
    expect(actions).toContain('talk-now');
    expect(actions).toContain('howto');
    for (const area of menu.areas) {
      const postback = parsePostback(area.data);
      if (postback?.action !== 'category') continue;
      expect(CategorySchema.options).toContain(postback.category);
      // The label drawn on the menu is the name the bot uses for the category in its answer.
      expect(area.label).toBe(CATEGORY_LABELS[postback.category]);
    }
  });

  it('rejects areas outside the image, overlapping areas, unknown postbacks and long labels', () => {
    const area = { bounds: { x: 0, y: 0, width: 1000, height: 800 }, label: 'お金・生活', data: 'action=category&category=money', displayText: 'お金' };
    const base = { size: { width: 2500, height: 1686 }, name: 'x', chatBarText: 'メニュー', selected: true, image: 'richmenu.png' };
    expect(MenuSchema.safeParse({ ...base, areas: [area] }).success).toBe(true);
    expect(MenuSchema.safeParse({ ...base, areas: [{ ...area, bounds: { x: 2000, y: 0, width: 1000, height: 800 } }] }).success).toBe(false);
    expect(MenuSchema.safeParse({ ...base, areas: [area, { ...area, data: 'action=howto', bounds: { x: 999, y: 799, width: 10, height: 10 } }] }).success).toBe(
      false,
    );
    expect(MenuSchema.safeParse({ ...base, areas: [{ ...area, data: 'action=category&category=pets' }] }).success).toBe(false);
    expect(MenuSchema.safeParse({ ...base, areas: [{ ...area, label: 'あ'.repeat(21) }] }).success).toBe(false);
  });
});

describe('the committed image', () => {
  it('exists, has the exact menu size and is at most 1 MB', () => {
    const file = imagePath(menu);
    expect(statSync(file).size).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
    expect(imageSize(readFileSync(file))).toEqual(menu.size);
  });
});

type Run = { code: number | null; stdout: string; stderr: string };

function runRichmenu(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Only PATH and HOME from the outside: a developer's LINE token must never reach this run.
    const child = spawn('npx', ['tsx', 'scripts/richmenu.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run richmenu against the fake LINE API', () => {
  let served: ServedFake;
  beforeAll(async () => {
    served = await serveFakeLine();
  });
  afterAll(async () => {
    await served.close();
  });

  it('creates the menu, uploads the image and makes it the default', async () => {
    const fake = served.reset();
    const run = await runRichmenu({ LINE_CHANNEL_ACCESS_TOKEN: 'test-access-token', LINE_API_BASE_URL: served.url });
    expect(run.stderr).not.toMatch(/richmenu: .*failed/u);
    expect(run.code).toBe(0);
    const calls = fake.callsTo('richmenu');
    expect(calls.map((c) => c.path)).toEqual([
      '/v2/bot/richmenu',
      '/v2/bot/richmenu/richmenu-fake-0001/content',
      '/v2/bot/user/all/richmenu/richmenu-fake-0001',
    ]);
    for (const call of calls) expect(call.authorization).toBe('Bearer test-access-token');

    const created = z
      .object({ areas: z.array(z.object({ bounds: z.unknown(), action: z.object({ type: z.string(), data: z.string() }) })) })
      .parse(calls[0]?.body);
    expect(calls[0]?.body).toEqual(richMenuRequest(menu));
    expect(created.areas.map((a) => a.action.data)).toEqual(menu.areas.map((a) => a.data));
    expect(created.areas.every((a) => a.action.type === 'postback')).toBe(true);

    expect(calls[1]?.body).toEqual({ bytes: statSync(imagePath(menu)).size, contentType: 'image/png' });
    expect(run.stdout).toContain('richmenu-fake-0001');
  });

  it('exits 1 with a clear message when the token is missing', async () => {
    const fake = served.reset();
    // Set but empty: the environment wins over a developer's .dev.vars, so this is "no token" everywhere.
    const run = await runRichmenu({ LINE_CHANNEL_ACCESS_TOKEN: '', LINE_API_BASE_URL: served.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LINE_CHANNEL_ACCESS_TOKEN is not set');
    expect(fake.calls).toHaveLength(0);
  });

  it('exits 1 naming the failed call and its x-line-request-id when LINE refuses', async () => {
    const fake = served.reset();
    fake.failNext('richmenu', { status: 400, body: JSON.stringify({ message: 'Invalid rich menu' }) });
    const run = await runRichmenu({ LINE_CHANNEL_ACCESS_TOKEN: 'test-access-token', LINE_API_BASE_URL: served.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('create rich menu');
    expect(run.stderr).toContain('HTTP 400');
    expect(run.stderr).toMatch(/x-line-request-id: [0-9a-f-]{36}/u);
    expect(fake.callsTo('richmenu')).toHaveLength(1);
  });
});
