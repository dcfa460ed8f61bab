// The knowledge base as the Worker sees it: entries validated by the build (scripts/knowledge/) and
// checked again against the schema when the isolate loads them, so a stale artefact fails loudly.
import { z } from 'zod';
import data from '../generated/knowledge.json';
import { EntrySchema, SynonymGroupSchema, type Entry, type SynonymGroup } from './schema';

const KnowledgeSchema = z.object({ entries: z.array(EntrySchema), synonyms: z.array(SynonymGroupSchema) });
const knowledge = KnowledgeSchema.parse(data);

export const ENTRIES: readonly Entry[] = knowledge.entries;
export const SYNONYMS: readonly SynonymGroup[] = knowledge.synonyms;
const BY_ID = new Map(ENTRIES.map((e) => [e.id, e]));

export function entryById(id: string): Entry | undefined {
  return BY_ID.get(id);
}

/** The entry every "ask the ward" fallback points to: the main number and which section to ask for. */
export const WARD_OFFICE_ID = 'ward-office';
