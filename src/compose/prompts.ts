// The reply texts, per locale, from prompts/<locale>.yaml as validated by the build (scripts/build-prompts.ts).
import { z } from 'zod';
import data from '../generated/prompts.json';
import { LOCALES, type Locale } from '../core/locale';
import { type Prompts, PromptsSchema, type StaffPrompts, StaffPromptsSchema } from './prompts-schema';

const FileSchema = z.object({ locales: z.record(z.enum(LOCALES), PromptsSchema), staff: StaffPromptsSchema });
const file = FileSchema.parse(data);

/** The texts of one locale (every locale has every key: the build checks it). */
export function promptsFor(locale: Locale): Prompts {
  return file.locales[locale];
}

export const STAFF_PROMPTS: StaffPrompts = file.staff;
