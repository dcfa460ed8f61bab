// Draws richmenu/richmenu.png (or .jpg) from richmenu/menu.yaml: an HTML grid screenshotted by Chromium.
// Run by hand (`npm run richmenu:image`) after editing menu.yaml and commit the image: CI and
// `npm run richmenu` use the committed file, so registering never needs a browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { imageContentType, imagePath, imageSize, loadMenu, MAX_IMAGE_BYTES, type Area, type Menu } from './richmenu-menu';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Calm, high-contrast colours (text on card ≥ 7:1). The 「いますぐ相談したい」 area is the only dark one,
// so a person in a hurry finds it first.
const THEME = {
  page: '#e9edf0',
  urgent: { bg: '#1d5c66', fg: '#ffffff', hint: '#d6eef0' },
  howto: { bg: '#f6f1e4', fg: '#2b2b2b', hint: '#5a5346' },
  category: { bg: '#ffffff', fg: '#1b2a38', hint: '#4a5866' },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

function toneOf(area: Area): (typeof THEME)['urgent'] {
  if (area.data.includes('action=talk-now')) return THEME.urgent;
  if (area.data.includes('action=howto')) return THEME.howto;
  return THEME.category;
}

const GAP = 14; // half the space between cards, in image pixels

/** One font size for all category cards (the longest label must fit), larger ones for row 1. */
function fontSize(area: Area, menu: Menu): number {
  const fits = (a: Area) => Math.floor((a.bounds.width - 2 * GAP - 56) / [...a.label].length);
  if (toneOf(area) !== THEME.category) return Math.min(150, fits(area));
  return Math.min(120, ...menu.areas.filter((a) => toneOf(a) === THEME.category).map(fits));
}

export function menuHtml(menu: Menu): string {
  const cards = menu.areas
    .map((area) => {
      const { x, y, width, height } = area.bounds;
      const tone = toneOf(area);
      const size = fontSize(area, menu);
      const hint =
        area.hint === undefined ? '' : `<div class="hint" style="color:${tone.hint};font-size:${Math.round(size * 0.48)}px">${escapeHtml(area.hint)}</div>`;
      return `<div class="card" style="left:${x + GAP}px;top:${y + GAP}px;width:${width - 2 * GAP}px;height:${height - 2 * GAP}px;background:${tone.bg};color:${tone.fg}">
  <div class="label" style="font-size:${size}px">${escapeHtml(area.label)}</div>${hint}
</div>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><style>
  html, body { margin: 0; padding: 0; }
  body { width: ${menu.size.width}px; height: ${menu.size.height}px; position: relative; overflow: hidden; background: ${THEME.page};
    font-family: 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif; }
  .card { position: absolute; box-sizing: border-box; border-radius: 40px; display: flex; flex-direction: column;
    align-items: center; justify-content: center; gap: 24px; box-shadow: 0 4px 0 rgba(27, 42, 56, 0.12); }
  .label { font-weight: 700; letter-spacing: 0.02em; line-height: 1.1; white-space: nowrap; }
  .hint { font-weight: 400; line-height: 1.1; white-space: nowrap; }
</style></head><body>
${cards}
</body></html>`;
}

async function main(): Promise<void> {
  const menu = loadMenu();
  const out = imagePath(menu);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    // The viewport is exactly the menu size: LINE maps area bounds onto image pixels one to one.
    const page = await browser.newPage({ viewport: menu.size, deviceScaleFactor: 1 });
    await page.setContent(menuHtml(menu));
    // Wait for the CJK font to load (a string, so this Node-side file needs no DOM typings).
    await page.evaluate('document.fonts.ready.then(() => true)');
    const bytes = imageContentType(menu) === 'image/png' ? await page.screenshot({ type: 'png' }) : await page.screenshot({ type: 'jpeg', quality: 85 });
    writeFileSync(out, bytes);
  } finally {
    await browser.close();
  }
  const written = readFileSync(out);
  const size = imageSize(written);
  const bytes = written.byteLength;
  console.log(`wrote ${out}: ${size?.width ?? '?'}×${size?.height ?? '?'}, ${bytes} bytes`);
  if (bytes > MAX_IMAGE_BYTES) {
    console.error(`richmenu:image: ${bytes} bytes is over LINE's 1 MB limit; set image: richmenu.jpg in menu.yaml to write a JPEG instead`);
    process.exit(1);
  }
}

await main();
