// Sends one staff notice: a LINE push to the staff group (STAFF_NOTIFY_TO) with the notice's own
// X-Line-Retry-Key, or a JSON POST to STAFF_WEBHOOK_URL with the key as an idempotency id. A notice
// carries the level and the pseudonym, never the resident's words or LINE user id: staff read those on
// the protected console.
import type { EscalationLevel } from '../core/risk-level';
import { type CallFailure, CALL_TIMEOUT_MS, describeFailure, type LineApi } from './line-api';

export type StaffNotice = { escalationId: number; level: EscalationLevel; pseudonym: string; at: Date; text: string };
export type NoticeChannel = { channel: 'line' | 'webhook'; target: string; retryKey: string };

export type NoticeResult = { ok: true } | { ok: false; failure: CallFailure };

export async function sendNotice(notice: StaffNotice, via: NoticeChannel, api: LineApi | undefined): Promise<NoticeResult> {
  try {
    if (via.channel === 'line') {
      if (api === undefined)
        return { ok: false, failure: { status: undefined, requestId: undefined, retryAfterMs: undefined, message: 'no LINE access token', timedOut: false } };
      try {
        await api.push(via.target, [{ type: 'text', text: notice.text }], via.retryKey);
      } catch (error) {
        // 409: this key was accepted before (a retry after a lost answer): delivered.
        if (describeFailure(error).status !== 409) throw error;
      }
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
    return {
      ok: false,
      failure: { status: res.status, requestId: undefined, retryAfterMs: undefined, message: `staff webhook answered ${res.status}`, timedOut: false },
    };
  } catch (error) {
    return { ok: false, failure: describeFailure(error) };
  }
}
