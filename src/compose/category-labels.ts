// How categories are named to residents (quick replies, rich menu) and staff (the overview), in each
// locale, from the `category_*` texts in prompts/.
import type { Locale } from '../core/locale';
import type { Category } from '../knowledge/schema';
import { promptsFor } from './prompts';
import type { Prompts } from './prompts-schema';

const KEYS: Record<Category, keyof Prompts> = {
  money: 'category_money',
  housing: 'category_housing',
  mind: 'category_mind',
  children: 'category_children',
  school: 'category_school',
  elderly: 'category_elderly',
  disability: 'category_disability',
  violence: 'category_violence',
  women: 'category_women',
  work: 'category_work',
  health: 'category_health',
  legal: 'category_legal',
  community: 'category_community',
  foreign: 'category_foreign',
};

export function categoryLabel(category: Category, locale: Locale = 'ja'): string {
  return promptsFor(locale)[KEYS[category]];
}

/** The Japanese names (the staff console, the rich menu, the search index's keywords). */
export const CATEGORY_LABELS: Record<Category, string> = {
  money: categoryLabel('money'),
  housing: categoryLabel('housing'),
  mind: categoryLabel('mind'),
  children: categoryLabel('children'),
  school: categoryLabel('school'),
  elderly: categoryLabel('elderly'),
  disability: categoryLabel('disability'),
  violence: categoryLabel('violence'),
  women: categoryLabel('women'),
  work: categoryLabel('work'),
  health: categoryLabel('health'),
  legal: categoryLabel('legal'),
  community: categoryLabel('community'),
  foreign: categoryLabel('foreign'),
};
