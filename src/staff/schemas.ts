// Form and JSON bodies the console accepts, parsed once at the boundary.
import { z } from 'zod';
import { STATUSES } from '../record/staff-queue';
import { DisplayNameSchema } from './auth/session';

export const IdParamSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const StatusBodySchema = z.object({ status: z.enum(STATUSES) });
/** Empty clears the assignee. */
export const AssignBodySchema = z.object({ assignee: z.union([z.literal('').transform(() => null), DisplayNameSchema, z.null()]) });
export const NoteBodySchema = z.object({ note: z.string().trim().min(1).max(2000) });
/** LINE's text message limit is 5000 characters; staff replies stay well under it. */
export const ReplyBodySchema = z.object({ text: z.string().trim().min(1).max(2000), replyKey: z.uuid().optional() });
export const LoginBodySchema = z.object({ name: DisplayNameSchema, token: z.string().min(1).max(512) });
