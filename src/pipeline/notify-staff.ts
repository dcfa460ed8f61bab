// Tells staff about a new escalation: a LINE push to the staff group (STAFF_NOTIFY_TO) and/or a JSON POST
// to STAFF_WEBHOOK_URL. The notice carries the level and the pseudonym, never the resident's words:
// staff read those on the protected console.
import type { Logger } from '../log';
import type { LineApi } from '../send/line-api';
import { deliver } from '../send/deliver';

export type StaffNotice = { escalationId: number; level: string; rule: string; pseudonym: string; at: Date; eventId: string };
export type NotifyDeps = { api: LineApi | undefined; notifyTo: string | undefined; webhookUrl: string | undefined; log: Logger; sleep: (ms: number) => Promise<void> };

const LEVEL_JA: Record<string, string> = { emergency: '緊急', high: '高', abuse: '虐待・暴力', concern: '周囲の人の心配' };

/** A UUID made from a seed: a push's X-Line-Retry-Key that stays the same however often we retry. */
export async function retryKeyFor(seed: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seed)));
  const h = Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Returns the channels that accepted the notice. */
export async function notifyStaff(notice: StaffNotice, deps: NotifyDeps): Promise<string[]> {
  const done: string[] = [];
  const text = `【ねりま相談ナビ】要確認：${LEVEL_JA[notice.level] ?? notice.level}\n相談者 ${notice.pseudonym}／受付 #${notice.escalationId}\nスタッフ画面（/staff）で内容を確認してください。`;
  if (deps.api !== undefined && deps.notifyTo !== undefined) {
    const key = await retryKeyFor(`staff-notice:${notice.eventId}`);
    const result = await deliver({ userId: deps.notifyTo, messages: [{ type: 'text', text }] }, { api: deps.api, sleep: deps.sleep, newRetryKey: () => key, log: deps.log });
    if (result.via !== 'failed') done.push('line');
  }
  if (deps.webhookUrl !== undefined) {
    try {
      const res = await fetch(deps.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ escalationId: notice.escalationId, level: notice.level, rule: notice.rule, resident: notice.pseudonym, at: notice.at.toISOString(), text }),
      });
      if (res.ok) done.push('webhook');
      else deps.log.error('notify: staff webhook refused', { status: res.status, escalationId: notice.escalationId });
    } catch (error) {
      deps.log.error('notify: staff webhook failed', { escalationId: notice.escalationId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return done;
}
