// Sends one staff notice: a LINE push to the staff group (STAFF_NOTIFY_TO) with the notice's own
// X-Line-Retry-Key, or a JSON POST to STAFF_WEBHOOK_URL with the key as an idempotency id. A notice
// carries the level and the pseudonym, never the resident's words or LINE user id: staff read those on
// the protected console.
import type { EscalationLevel } from '../core/risk-level';
import { type CallFailure, CALL_TIMEOUT_MS, callFailure, describeFailure, type LineApi } from './line-api';

export type StaffNotice = { escalationId: number; level: EscalationLevel; pseudonym: string; at: Date; text: string };
export type NoticeChannel = { channel: 'line' | 'webhook'; target: string; retryKey: string };

export type NoticeResult = { ok: true } | { ok: false; failure: CallFailure };

export async function sendNotice(notice: StaffNotice, via: NoticeChannel, api: LineApi | undefined): Promise<NoticeResult> {
  try {
    if (via.channel === 'line') {
      if (api === undefined) return { ok: false, failure: callFailure(undefined, 'no LINE access token') };
      await api.push(via.target, [{ type: 'text', text: notice.text }], via.retryKey);
      return { ok: true };
    }
    const res = await fetch(via.target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': via.retryKey },
      body: JSON.stringify({
        id: via.retryKey,
        escalationId: notice.escalationId,
        level: notice.level,
        resident: notice.pseudonym,
        at: notice.at.toISOString(),
      }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    if (res.ok) return { ok: true };
    return { ok: false, failure: callFailure(res.status, `staff webhook answered ${res.status}`) };
  } catch (error) {
    return { ok: false, failure: describeFailure(error) };
  }
}
