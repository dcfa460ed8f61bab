// How a window is named in a reply: the official Japanese name (what the resident will say at the
// counter), with its name in the resident's language beside it when a translation exists.
import { isJapanese, type Locale } from '../core/locale';
import { translationFor } from '../knowledge/data';
import type { Entry } from '../knowledge/schema';

export function displayName(entry: Entry, locale: Locale): string {
  if (isJapanese(locale)) return entry.name;
  const translated = translationFor(entry.id, locale)?.name;
  return translated === undefined ? entry.name : `${translated}（${entry.name}）`;
}
