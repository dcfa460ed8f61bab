// The shape of a knowledge entry (a consultation window, a service or a hotline), validated at build
// time. Modelled on Open Referral HSDS (organisation → service → location → schedule → eligibility),
// flattened to what a resident needs to act on: what it helps with, how to reach it, when it is open.
import { z } from 'zod';
import { LocaleSchema } from '../core/locale';

/** Categories residents choose from (quick replies, rich menu) and the search uses as a signal. */
export const CATEGORIES = [
  'money', // お金・生活 (生活困窮, 生活保護, 税・保険料の納付)
  'housing', // 住まい
  'mind', // こころ (精神保健, 自殺対策, 依存, ひきこもり)
  'children', // 子育て・子ども・家庭
  'school', // 学校・教育 (いじめ, 不登校, 就学)
  'elderly', // 高齢・介護
  'disability', // 障害
  'violence', // 暴力・虐待 (DV, 児童・高齢者・障害者虐待, 性暴力, 犯罪被害)
  'women', // 女性
  'work', // 仕事
  'health', // 健康・医療
  'legal', // 法律・消費生活
  'community', // 地域・どこに相談してよいかわからない
  'foreign', // 外国人住民
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

/**
 * How far a fact can be trusted, as contacts.md grades it. `official`: a government page (national,
 * Tokyo, a municipality) or the ward's own plan (a seed); `operator`: the page of the organisation that
 * runs the service (a 社会福祉法人, a hospital, the 社会福祉協議会); `well-known`: 110 and 119 only;
 * `third-party`: anyone else, including copies of the ward's pages (ward-mirror, repo-copy) until staff
 * confirm them on the live page; `old`: seen before 2022; `unverified`: sources disagree (⚠).
 * `npm run knowledge:lint` checks that `official` is used only with a government page or a seed.
 */
export const ConfidenceSchema = z.enum(['official', 'operator', 'well-known', 'third-party', 'old', 'unverified']);

// A bare year is allowed because some sources give only that ("third-party pages (2021)").
const IsoDateSchema = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date like 2024-03-01, 2024-03 or 2021');

/** Where a fact was seen. `ref` is a seed file ("seed 001") or a contacts.md row with its page. */
export const SourceSchema = z.strictObject({
  ref: z.string().min(3),
  seen: IsoDateSchema.optional(),
  confidence: ConfidenceSchema,
});
export type Source = z.infer<typeof SourceSchema>;

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'hol'] as const;
export const DaySchema = z.enum(DAYS);
export type Day = z.infer<typeof DaySchema>;

/**
 * "HH:MM-HH:MM" in JST. The end may pass 24:00 for a line that runs past midnight
 * ("12:00-29:30" = noon to 05:30 the next morning), as Japanese timetables write it.
 */
export const TimeRangeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([0-3]\d|4[0-7]):[0-5]\d$/, 'expected "HH:MM-HH:MM", e.g. "09:00-17:00" or "20:00-26:30"')
  .refine((s) => {
    const [a, b] = s.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
    return a !== undefined && b !== undefined && b > a;
  }, 'the end must come after the start');

/** A rule: on these days, these hours. No `times` means the days are known but the hours are not. */
export const WeeklyRuleSchema = z.strictObject({
  days: z.array(DaySchema).min(1),
  times: z.array(TimeRangeSchema).min(1).optional(),
});

/** A day of the month with special hours (いのちの電話: 毎月10日 8:00–翌8:00). */
export const MonthlyRuleSchema = z.strictObject({
  dayOfMonth: z.number().int().min(1).max(31),
  times: z.array(TimeRangeSchema).min(1),
});

/**
 * When a window or line can be reached, as its own source says — nothing is assumed. `hol` in a weekly
 * rule gives the hours on public holidays; without one, a holiday is closed when `closedOnHolidays` is
 * true, follows its weekday when false, and is unknown when the source does not say (left out). The
 * same for 12/29–1/3: closed (`closedYearEnd: true`), as usual (false), its own hours (`yearEnd`), or
 * unknown (left out).
 */
export const ScheduleSchema = z.strictObject({
  always: z.boolean().default(false), // 24 h, every day of the year
  weekly: z.array(WeeklyRuleSchema).default([]),
  monthly: z.array(MonthlyRuleSchema).default([]),
  closedOnHolidays: z.boolean().optional(),
  closedYearEnd: z.boolean().optional(),
  /** Hours on 12/29–1/3 when the source gives them (児相の夜間ダイヤル: all day, 年末年始含む). */
  yearEnd: z.strictObject({ times: z.array(TimeRangeSchema).min(1) }).optional(),
  note: z.string().optional(), // free text, shown as is (「受付は22:30まで」)
  source: SourceSchema,
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/** Domestic numbers (03-3993-1111, 0120-…, 0570-…), short numbers (#8008) and 3-digit lines (189). */
export const PhoneNumberSchema = z
  .string()
  // 0570-078374: Navi Dial numbers are often printed with one hyphen (法テラス), kept as the source prints them.
  .regex(/^(0\d{1,4}-\d{1,4}-\d{3,5}|0570-\d{6}|0\d{9,10}|#\d{4}|1\d{2})$/, 'expected a phone number like 03-3993-1111, #8008 or 189');

export const PhoneSchema = z.strictObject({
  label: z.string().min(1), // 「相談専用」「夜間・土日祝」
  number: PhoneNumberSchema,
  hours: ScheduleSchema.optional(), // when this number has hours of its own
  /** A source says calls are free (189, 110, 119). 0120 and 0800 numbers are free by definition. */
  free: z.boolean().optional(),
  source: SourceSchema,
});
export type Phone = z.infer<typeof PhoneSchema>;

export const AUDIENCES = [
  'anyone',
  'child', // 18歳未満の本人
  'youth', // 若者 (15〜39歳 など)
  'parent', // 子育て中の親・妊婦
  'older', // 高齢者 (65歳以上) とその家族
  'disabled', // 障害のある人とその家族
  'woman',
  'man',
  'lgbtq',
  'foreign',
  'supporter', // 家族・友人・支援者
  'bereaved', // 遺族
  'business', // 事業者
] as const;
export const AudienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof AudienceSchema>;

export const EligibilitySchema = z.strictObject({
  audiences: z.array(AudienceSchema).min(1),
  minAge: z.number().int().min(0).optional(),
  maxAge: z.number().int().min(0).optional(),
  residency: z.enum(['nerima', 'tokyo', 'any']).default('nerima'),
  conditions: z.array(z.string()).default([]), // 「生活保護を受けている世帯」
});

export const ACCESS = ['walk-in', 'phone', 'reservation', 'online', 'chat', 'email', 'visit', 'app'] as const;

/** The risks a line serves: the crisis reply picks its lines by these. */
export const RISKS = [
  'suicide',
  'self-harm',
  'emergency',
  'child-abuse',
  'dv',
  'elder-abuse',
  'disability-abuse',
  'sexual-violence',
  'crime-victim',
  'youth',
  'mental-health',
  'bereaved',
] as const;
export const RiskSchema = z.enum(RISKS);
export type Risk = z.infer<typeof RiskSchema>;

export const EntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case ascii, e.g. "seikatsu-support-center"'),
  kind: z.enum(['window', 'service', 'hotline']),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]), // what residents call it, kana readings, abbreviations
  categories: z.array(CategorySchema).min(1), // the first is the main one
  summary: z.string().min(5).max(90), // one line of plain Japanese: what it helps with
  problems: z.array(z.string()).min(1), // the problems it solves, in residents' own words
  services: z.array(z.string()).default([]), // named programmes it runs (住居確保給付金, 家計改善支援 …)
  eligibility: EligibilitySchema,
  access: z.array(z.enum(ACCESS)).min(1),
  phones: z.array(PhoneSchema).default([]),
  fax: z.strictObject({ number: PhoneNumberSchema, source: SourceSchema }).optional(),
  web: z.strictObject({ url: z.url(), source: SourceSchema }).optional(),
  address: z.strictObject({ text: z.string().min(3), source: SourceSchema }).optional(),
  /** No number of its own in any source: the section to ask for at the ward's main number. */
  askFor: z.string().optional(),
  hours: ScheduleSchema.optional(),
  department: z.string().optional(), // 事業実施課 / 担当課, from the seeds
  parent: z.string().optional(), // a branch names the entry it belongs to (総合福祉事務所 → its 4 offices)
  risks: z.array(RiskSchema).default([]),
  languages: z.array(z.string()).default(['ja']),
  sources: z.array(SourceSchema).min(1), // where the window itself is named (usually a seed)
  checked: IsoDateSchema, // when a person last checked this entry against its sources
  notes: z.string().optional(),
});
export type Entry = z.infer<typeof EntrySchema>;

/** One knowledge file: a list of entries under `entries:`. */
export const KnowledgeFileSchema = z.strictObject({ entries: z.array(EntrySchema).min(1) });

/** knowledge/synonyms.yaml: residents' words → the words services use. */
export const SynonymGroupSchema = z.strictObject({
  to: z.string().min(1), // the services' word the group maps to (失業)
  from: z.array(z.string().min(1)).min(1), // residents' words (クビ, 解雇, 雇い止め)
  categories: z.array(CategorySchema).default([]), // a hint for ranking
});
export const SynonymsFileSchema = z.strictObject({ groups: z.array(SynonymGroupSchema).min(1) });
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;

/** knowledge/routing.yaml: the entries offered in fixed situations, and the ward's areas. */
export const RoutingSchema = z.strictObject({
  wardOffice: z.string().min(1),
  leadNumbers: z.array(z.string().min(1)).min(1),
  generalWindows: z.array(z.string().min(1)).min(1),
  foreignWindows: z.array(z.string().min(1)).min(1),
  wardMindWindow: z.string().min(1),
  areas: z.array(z.string().min(1)).min(1),
});
export type Routing = z.infer<typeof RoutingSchema>;

/** Where an answer's words come from: a page (with its url) or one of the ward's plans (a seed file). */
export const AnswerSourceSchema = z
  .strictObject({
    url: z.url().optional(),
    seed: z
      .string()
      .regex(/^\d{3}_[0-9a-f]+\.txt$/, 'a seed file name, e.g. 001_ceea607051160d73.txt')
      .optional(),
    title: z.string().min(3),
    seen: IsoDateSchema,
    confidence: ConfidenceSchema,
    /** The source's own sentences that support the answer, copied word for word (the lint checks the answer against it). */
    quote: z.string().min(10),
  })
  .refine((s) => (s.url === undefined) !== (s.seed === undefined), 'give either a url or a seed');

/**
 * knowledge/answers/*.yaml: a common question about a service, answered from its source, then the window.
 * `phrasings` are how residents ask it (the matcher's examples); the answer says no more than the quote.
 */
export const AnswerSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case ascii'),
  service: z.string().min(2),
  question: z.string().min(5),
  phrasings: z.array(z.string().min(2)).min(5),
  answer: z.string().min(10).max(400),
  bring: z.array(z.string().min(1)).optional(),
  windows: z.array(z.string().min(1)).min(1).max(2),
  source: AnswerSourceSchema,
  checked: IsoDateSchema,
});
export type Answer = z.infer<typeof AnswerSchema>;
export const AnswersFileSchema = z.strictObject({ answers: z.array(AnswerSchema).min(1) });

/**
 * knowledge/translations/<locale>.yaml: a window's name and one-line summary in another language, for the
 * cards (the official Japanese name stays first: what the resident will say at the counter). `reviewed`
 * stays false until ward staff have checked the translation; `npm run knowledge:report` lists them.
 */
export const LocaleForTranslations = LocaleSchema.exclude(['ja']);

export const TranslationSchema = z.strictObject({ name: z.string().min(1), summary: z.string().min(1).max(140) });
export type Translation = z.infer<typeof TranslationSchema>;
export const TranslationsFileSchema = z.strictObject({
  reviewed: z.boolean().default(false),
  entries: z.record(z.string(), TranslationSchema),
});
export type TranslationsFile = z.infer<typeof TranslationsFileSchema>;
