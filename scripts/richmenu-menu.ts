// richmenu/menu.yaml loaded and checked with zod, plus what the image script and `npm run richmenu` share.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { parsePostback } from '../src/compose/postback';

export const RICHMENU_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'richmenu');
export const MENU_PATH = join(RICHMENU_DIR, 'menu.yaml');

/** LINE rejects rich menu images over 1 MB. https://developers.line.biz/en/reference/messaging-api/#upload-rich-menu-image */
export const MAX_IMAGE_BYTES = 1024 * 1024;

const int = z.number().int().nonnegative();
const BoundsSchema = z.object({ x: int, y: int, width: int.positive(), height: int.positive() }).strict();

const AreaSchema = z
  .object({
    bounds: BoundsSchema,
    // Read aloud by accessibility features; LINE caps action labels at 20 characters.
    label: z.string().min(1).max(20),
    // Drawn under the label on the image only; not sent to LINE.
    hint: z.string().min(1).max(20).optional(),
    // The bot must understand every area, so the data has to parse exactly as a tapped postback would.
    data: z
      .string()
      .max(300)
      .refine((data) => parsePostback(data) !== undefined, { message: 'not a postback the bot understands (src/compose/postback.ts)' }),
    // Shown in the chat as the resident's own words when tapped (LINE: max 300 characters).
    displayText: z.string().min(1).max(300),
  })
  .strict();
export type Area = z.infer<typeof AreaSchema>;

// Size, area count and chat bar limits: https://developers.line.biz/en/reference/messaging-api/#rich-menu-object
export const MenuSchema = z
  .object({
    size: z.object({ width: int.min(800).max(2500), height: int.min(250) }).strict(),
    name: z.string().min(1).max(300),
    chatBarText: z.string().min(1).max(14),
    selected: z.boolean(),
    image: z.string().regex(/^[\w.-]+\.(png|jpe?g)$/u, 'a PNG or JPEG file name in richmenu/'),
    areas: z.array(AreaSchema).min(1).max(20),
  })
  .strict()
  .superRefine((menu, ctx) => {
    if (menu.size.width / menu.size.height < 1.45) ctx.addIssue({ code: 'custom', path: ['size'], message: 'LINE needs width / height ≥ 1.45' });
    menu.areas.forEach((area, i) => {
      const b = area.bounds;
      if (b.x + b.width > menu.size.width || b.y + b.height > menu.size.height)
        ctx.addIssue({
          code: 'custom',
          path: ['areas', i, 'bounds'],
          message: `area "${area.label}" goes outside the ${menu.size.width}×${menu.size.height} image`,
        });
      menu.areas.slice(0, i).forEach((other, j) => {
        if (overlaps(b, other.bounds))
          ctx.addIssue({ code: 'custom', path: ['areas', i, 'bounds'], message: `area "${area.label}" overlaps area ${j} "${other.label}"` });
      });
    });
    const seen = new Set<string>();
    menu.areas.forEach((area, i) => {
      if (seen.has(area.data)) ctx.addIssue({ code: 'custom', path: ['areas', i, 'data'], message: `two areas post the same data ${area.data}` });
      seen.add(area.data);
    });
  });
export type Menu = z.infer<typeof MenuSchema>;
type Bounds = z.infer<typeof BoundsSchema>;

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Reads and validates menu.yaml; throws with every problem listed. */
export function loadMenu(path = MENU_PATH): Menu {
  const parsed = MenuSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid rich menu:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function imagePath(menu: Menu): string {
  return join(RICHMENU_DIR, menu.image);
}

export function imageContentType(menu: Menu): 'image/png' | 'image/jpeg' {
  return menu.image.endsWith('.png') ? 'image/png' : 'image/jpeg';
}

/**
 * The request body for POST /v2/bot/richmenu: every area is a postback, so a tap reaches the bot as
 * the same postback a quick reply sends. https://developers.line.biz/en/reference/messaging-api/#create-rich-menu
 */
export function richMenuRequest(menu: Menu) {
  return {
    size: menu.size,
    selected: menu.selected,
    name: menu.name,
    chatBarText: menu.chatBarText,
    areas: menu.areas.map((area) => ({
      bounds: area.bounds,
      action: { type: 'postback' as const, label: area.label, data: area.data, displayText: area.displayText },
    })),
  };
}

/** Pixel size from a PNG (IHDR) or JPEG (first SOFn marker) header; undefined if neither. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b)) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}
