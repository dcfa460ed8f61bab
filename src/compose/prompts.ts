// The reply texts, from prompts/*.yaml as validated by the build (scripts/build-prompts.ts).
import data from '../generated/prompts.json';
import { PromptsSchema, type Prompts } from './prompts-schema';

export const PROMPTS: Prompts = PromptsSchema.parse(data);
