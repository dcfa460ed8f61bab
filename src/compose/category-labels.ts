// How categories are named to residents (quick replies, rich menu, the staff overview).
import type { Category } from '../knowledge/schema';

export const CATEGORY_LABELS: Record<Category, string> = {
  money: 'お金・生活',
  housing: '住まい',
  mind: 'こころ',
  children: '子育て',
  school: '学校',
  elderly: '高齢・介護',
  disability: '障害',
  violence: '暴力・虐待',
  women: '女性',
  work: '仕事',
  health: '健康',
  legal: '法律・消費生活',
  community: 'その他',
  foreign: 'Foreign residents',
};
