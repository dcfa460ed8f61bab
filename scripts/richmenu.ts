// `npm run richmenu`: registers richmenu/menu.yaml and its committed image with LINE and makes it the default menu.
// Steps: https://developers.line.biz/en/reference/messaging-api/#rich-menu (create → upload image → set default).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { imageContentType, imagePath, imageSize, loadMenu, MAX_IMAGE_BYTES, RICHMENU_DIR, richMenuRequest } from './richmenu-menu';

const DEV_VARS = join(RICHMENU_DIR, '..', '.dev.vars');

/** .dev.vars is wrangler's KEY=VALUE file; reading it lets the same secrets serve `npm start` and this script. */
function readDevVars(): Record<string, string> {
  if (!existsSync(DEV_VARS)) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(DEV_VARS, 'utf8').split(/\r?\n/u)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/u.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    vars[match[1]] = match[2].replace(/^(["'])(.*)\1$/u, '$2');
  }
  return vars;
}

class Failure extends Error {}

/** The environment wins over .dev.vars (even when set empty), so CI or a one-off shell can point elsewhere. */
function setting(name: string, devVars: Record<string, string>): string | undefined {
  const value = name in process.env ? process.env[name] : devVars[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

async function step<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HTTPFetchError) {
      const requestId = error.headers.get('x-line-request-id');
      throw new Failure(`${what} failed: HTTP ${error.status} ${error.statusText}${requestId ? ` (x-line-request-id: ${requestId})` : ''}\n${error.body}`);
    }
    throw new Failure(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<void> {
  const devVars = readDevVars();
  const channelAccessToken = setting('LINE_CHANNEL_ACCESS_TOKEN', devVars);
  if (channelAccessToken === undefined)
    throw new Failure(
      'LINE_CHANNEL_ACCESS_TOKEN is not set (in the environment or .dev.vars); it is the channel access token from the LINE Developers console',
    );
  // LINE_API_BASE_URL points the bot at a fake or proxy; the rich menu goes to the same place. The image
  // upload normally lives on api-data.line.me, but with an override both go to the one base URL.
  const override = setting('LINE_API_BASE_URL', devVars)?.replace(/\/+$/u, '');
  const baseURL = override ?? 'https://api.line.me';
  const blobBaseURL = override ?? 'https://api-data.line.me';

  const menu = loadMenu();
  const file = imagePath(menu);
  if (!existsSync(file)) throw new Failure(`${file} is missing; run npm run richmenu:image and commit it`);
  const bytes = readFileSync(file);
  const size = imageSize(bytes);
  if (size === undefined || size.width !== menu.size.width || size.height !== menu.size.height) {
    throw new Failure(
      `${file} is ${size ? `${size.width}×${size.height}` : 'not a PNG or JPEG'}, but menu.yaml says ${menu.size.width}×${menu.size.height}; run npm run richmenu:image`,
    );
  }
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new Failure(`${file} is ${bytes.byteLength} bytes; LINE accepts at most 1 MB`);

  console.log(`richmenu: registering "${menu.name}" (${menu.areas.length} areas) at ${baseURL}`);
  const client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: blobBaseURL });

  const { richMenuId } = await step('create rich menu (POST /v2/bot/richmenu)', () => client.createRichMenu(richMenuRequest(menu)));
  console.log(`richmenu: created ${richMenuId}`);
  const type = imageContentType(menu);
  await step(`upload image (POST /v2/bot/richmenu/${richMenuId}/content)`, () => blob.setRichMenuImage(richMenuId, new Blob([bytes], { type })));
  console.log(`richmenu: uploaded ${menu.image} (${bytes.byteLength} bytes, ${type}) to ${blobBaseURL}`);
  await step(`set default rich menu (POST /v2/bot/user/all/richmenu/${richMenuId})`, () => client.setDefaultRichMenu(richMenuId));
  console.log(`richmenu: ${richMenuId} is now the default menu for every user`);
}

try {
  await main();
} catch (error) {
  console.error(`richmenu: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
