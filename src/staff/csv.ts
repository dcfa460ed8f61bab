// CSV of escalations for the ward's records: UTF-8 with a BOM (Excel opens Japanese correctly), every
// field quoted, pseudonyms only, and cells that a spreadsheet would run as a formula defused.
import type { EscalationSummary } from '../record/staff-queue';
import { statusLabel } from '../core/escalation-status';
import { levelLabel } from '../core/risk-level';
import { formatJst } from './format';

/**
 * OWASP "CSV injection": a leading = + - @ tab or CR makes a spreadsheet treat the cell as a formula —
 * and spreadsheets also read their full-width forms (＝＋－＠) as these, so the check reads NFKC.
 */
function cell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text.normalize('NFKC'))) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function escalationsCsv(rows: (EscalationSummary & { notifiedAt: string | null })[]): string {
  const header = ['受付番号', '受付日時(JST)', '緊急度', 'ルール', '状態', '担当', '相談者(仮名ID)', 'メッセージ', '職員通知(JST)', '最終更新(JST)'];
  const lines = rows.map((r) =>
    [
      r.id,
      formatJst(r.createdAt),
      levelLabel(r.level),
      r.rule,
      statusLabel(r.status),
      r.assignee,
      r.pseudonym,
      r.messageText,
      r.notifiedAt === null ? null : formatJst(r.notifiedAt),
      formatJst(r.updatedAt),
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}
