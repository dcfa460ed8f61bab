// The knowledge base as the Worker sees it: entries validated by the build (scripts/knowledge/) and
// checked again against the schema when the isolate loads them, so a stale artefact fails loudly.
import { z } from 'zod';
import data from '../generated/knowledge.json';
import {
  type Answer,
  AnswerSchema,
  EntrySchema,
  RoutingSchema,
  SynonymGroupSchema,
  TranslationsFileSchema,
  type Entry,
  type Routing,
  type SynonymGroup,
  type Translation,
} from './schema';

const KnowledgeSchema = z.object({
  entries: z.array(EntrySchema),
  synonyms: z.array(SynonymGroupSchema),
  routing: RoutingSchema,
  answers: z.array(AnswerSchema),
  translations: z.record(z.string(), TranslationsFileSchema),
});
const knowledge = KnowledgeSchema.parse(data);

export const ENTRIES: readonly Entry[] = knowledge.entries;
export const SYNONYMS: readonly SynonymGroup[] = knowledge.synonyms;
/** Common questions about services, answered from their sources (knowledge/answers/). */
export const ANSWERS: readonly Answer[] = knowledge.answers;
const ANSWER_BY_ID = new Map(ANSWERS.map((a) => [a.id, a]));

export function answerById(id: string): Answer | undefined {
  return ANSWER_BY_ID.get(id);
}
const BY_ID = new Map(ENTRIES.map((e) => [e.id, e]));

export function entryById(id: string): Entry | undefined {
  return BY_ID.get(id);
}

/** The entries offered in fixed situations and the ward's areas (knowledge/routing.yaml). */
export const ROUTING: Routing = knowledge.routing;

/** Entries by id, in order; the build has checked that every id exists. */
export function entriesByIds(ids: readonly string[]): Entry[] {
  return ids.flatMap((id) => BY_ID.get(id) ?? []);
}

/** An entry's name and summary in another locale, if translated, and whether staff reviewed it. */
export function translationFor(id: string, locale: string): (Translation & { reviewed: boolean }) | undefined {
  const file = knowledge.translations[locale];
  const t = file?.entries[id];
  return t === undefined || file === undefined ? undefined : { ...t, reviewed: file.reviewed };
}
