// An escalation's status, defined once with the names staff see.
import { z } from 'zod';

export const STATUSES = ['new', 'in_progress', 'done'] as const;
export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

export const STATUS_LABELS: Record<Status, string> = { new: '新規', in_progress: '対応中', done: '対応済' };

export function statusLabel(status: string): string {
  const parsed = StatusSchema.safeParse(status);
  return parsed.success ? STATUS_LABELS[parsed.data] : status;
}
