// How the console names things for staff: directions, audit actions, categories, JST times, excerpts
// (levels and statuses are named in src/core/).
import { CATEGORY_LABELS } from '../compose/category-labels';

export const DIRECTION_LABELS: Record<string, string> = { in: '相談者', bot: 'ボット', staff: '職員' };
export const ACTION_LABELS: Record<string, string> = { created: '受付', status: '状態', assign: '担当', note: 'メモ', reply: '返信', notified: '通知' };

export function categoryLabel(category: string): string {
  return Object.entries(CATEGORY_LABELS).find(([key]) => key === category)?.[1] ?? category;
}

/** "2026-11-23 16:40" in Japan time (UTC+9 all year, no daylight saving). */
export function formatJst(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 9 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The first words of a message, by characters (Japanese has no spaces to cut at). */
export function excerpt(text: string, max = 40): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}
