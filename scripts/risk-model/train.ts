// Trains the learned risk screen (src/risk/model.ts) reproducibly: the same data gives the same weights
// (a fixed seed, a fixed order), so the build can run it and skip it when nothing changed. It learns from
// training/risk/*.jsonl, the knowledge base's everyday problems and the five rule sets (sets.ts); the
// first-sight set is never in it. Thresholds are chosen on held-out folds of that pool, for recall first
// (README "Risk screen" gives the figures this prints). `leaveOneOut` trains a model without one rule
// set, for the evaluation to score that set at first sight.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ABUSE_KINDS } from '../../src/core/risk-level';
import { isEscalation } from '../../src/core/risk-level';
import { detectRisk } from '../../src/risk/detect-risk';
import { BUCKETS, featureIndices, foldForModel } from '../../src/risk/features';
import { flagGroup } from '../../src/risk/cues';
import { loadTokenizer, type Tokenizer } from '../../src/analyse/tokenizer';
import { MODEL_CLASSES, type ModelFile, ModelFileSchema, type ModelVariant } from '../../src/risk/model-schema';
import { loadRiskCases, RULE_SETS } from './sets';
import { type Example, inverseDocumentFrequency, probabilities, quantise, quantiseIdf, train, weighted } from '../learn/softmax';

export const TRAINING_DIR = 'training/risk';
const OUT = 'src/generated/risk-model.json';

export const TrainingMessageSchema = z.strictObject({
  text: z.string().min(1),
  level: z.enum(MODEL_CLASSES),
  kind: z.enum(ABUSE_KINDS).optional(),
  lang: z.enum(['ja', 'en', 'zh', 'ko', 'vi', 'tl', 'ne', 'pt', 'es']),
  voice: z.string(),
});
export type TrainingMessage = z.infer<typeof TrainingMessageSchema>;

export function loadTraining(dir = TRAINING_DIR): TrainingMessage[] {
  const out: TrainingMessage[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const parsed = TrainingMessageSchema.safeParse(JSON.parse(line));
        if (!parsed.success)
          throw new Error(`risk-model: ${dir}/${name}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
        out.push(parsed.data);
      });
  }
  return out;
}

const RISK = new Set([0, 1, 2, 3]); // emergency, high, abuse, concern
const EMERGENCY = 0;
const DISTRESS = 4;
const NONE = 5;

export type Figures = {
  folds: number;
  /** Risk messages flagged by the rules or the model (what residents get), held out. */
  recallCombined: number;
  recallRules: number;
  recallModel: number;
  emergencyAsEmergency: number;
  /** `none` messages flagged by the rules or the model, held out (mostly hard negatives and hardship). */
  falseAlarms: number;
  thresholds: ModelVariant['thresholds'];
  variant: string;
};

/** The recall the thresholds are chosen for, on held-out folds, with the rules and the model together. */
export const RECALL_TARGET = 0.95;

/** The message groups that get their own flag threshold (model.ts `flagGroup`). */
type Group = ReturnType<typeof flagGroup>;

/**
 * Out-of-fold probabilities (5 folds), and the thresholds they choose. The model flags a message when
 * P(at risk) reaches its group's threshold: a message carrying a risk cue (cues.ts), one without, a short
 * one (a few words: 「テスト死んだ」 and 「死にたい」 differ by little the model can see). Of the
 * combinations that keep the rules and the model together at RECALL_TARGET on held-out risk messages,
 * the one with the fewest false alarms on held-out `none` messages is taken.
 */
function crossValidate(messages: TrainingMessage[], examples: Example[], folds = 5): Figures {
  const fold = (i: number) => i % folds;
  const oof: number[][] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const head = train(
      examples.filter((_, i) => fold(i) !== f),
      { classes: MODEL_CLASSES.length, dims: BUCKETS, seed: 17 + f },
    );
    examples.forEach((e, i) => {
      if (fold(i) === f) oof[i] = probabilities(head, e);
    });
  }
  // Emergency: the highest threshold on P(emergency) that keeps 93% of held-out emergencies at that level.
  const emergencies = examples.flatMap((e, i) => (e.y === EMERGENCY ? [oof[i]?.[EMERGENCY] ?? 0] : [])).sort((a, b) => a - b);
  const emergency = Math.min(0.5, emergencies[Math.floor(emergencies.length * 0.07)] ?? 0.5);
  const rows = examples.map((e, i) => {
    const p = oof[i] ?? [];
    const text = messages[i]?.text ?? '';
    return { y: e.y, p, risk: 1 - (p[NONE] ?? 0) - (p[DISTRESS] ?? 0), group: flagGroup(text), rules: isEscalation(detectRisk(text).level) };
  });
  const atRisk = rows.filter((r) => RISK.has(r.y));
  const none = rows.filter((r) => r.y === NONE);
  const grid = Array.from({ length: 48 }, (_, i) => 0.05 + i * 0.02);
  // Flagged counts per group and threshold, so every combination is a sum of three lookups.
  const counts = (of: typeof rows, g: Group) => grid.map((t) => of.filter((r) => r.group === g && (r.rules || r.risk >= t)).length);
  const perGroup = (of: typeof rows): Record<Group, number[]> => ({ cue: counts(of, 'cue'), noCue: counts(of, 'noCue'), short: counts(of, 'short') });
  const hits = perGroup(atRisk);
  const alarms = perGroup(none);
  let best: { at: Record<Group, number>; fa: number } | undefined;
  for (let a = 0; a < grid.length; a++)
    for (let b = 0; b < grid.length; b++)
      for (let c = 0; c < grid.length; c++) {
        const recall = ((hits.cue[a] ?? 0) + (hits.noCue[b] ?? 0) + (hits.short[c] ?? 0)) / atRisk.length;
        const fa = (alarms.cue[a] ?? 0) + (alarms.noCue[b] ?? 0) + (alarms.short[c] ?? 0);
        if (recall >= RECALL_TARGET && (best === undefined || fa < best.fa)) best = { at: { cue: a, noCue: b, short: c }, fa };
      }
  const pick = (g: Group) => grid[best?.at[g] ?? grid.length - 1] ?? 1;
  const flag = { cue: pick('cue'), noCue: pick('noCue'), short: pick('short') };
  const model = (r: (typeof rows)[number]) => r.risk >= flag[r.group];
  return {
    folds,
    recallCombined: atRisk.filter((r) => r.rules || model(r)).length / atRisk.length,
    recallRules: atRisk.filter((r) => r.rules).length / atRisk.length,
    recallModel: atRisk.filter((r) => model(r)).length / atRisk.length,
    emergencyAsEmergency: atRisk.filter((r) => r.y === EMERGENCY && model(r) && (r.p[EMERGENCY] ?? 0) >= emergency).length / Math.max(1, emergencies.length),
    falseAlarms: none.filter((r) => r.rules || model(r)).length / none.length,
    thresholds: { flag: round(flag.cue), flagNoCue: round(flag.noCue), flagShort: round(flag.short), emergency: round(emergency), distress: 0.35 },
    variant: '',
  };
}

const round = (x: number) => Number(x.toFixed(4));

/**
 * Everyday problems as residents put them, from the knowledge base's windows that are not for crisis
 * or harm (their `problems`, e.g. 「家賃が払えない」): more `none` examples of hardship that is not risk.
 * Not an evaluation set, and written for the search, not for this model.
 */
export function knowledgeNegatives(path = 'src/generated/knowledge.json'): TrainingMessage[] {
  if (!existsSync(path)) return [];
  const Entries = z.object({
    entries: z.array(z.object({ kind: z.string(), categories: z.array(z.string()), risks: z.array(z.string()), problems: z.array(z.string()) })),
  });
  const quiet = new Set(['money', 'housing', 'work', 'school', 'elderly', 'disability', 'health', 'legal', 'community', 'foreign', 'children']);
  return Entries.parse(JSON.parse(readFileSync(path, 'utf8')))
    .entries.filter((e) => e.kind !== 'hotline' && e.risks.length === 0 && e.categories.every((c) => quiet.has(c)))
    .flatMap((e) => e.problems)
    .filter((p, i, all) => all.indexOf(p) === i)
    .map((text) => ({ text, level: 'none' as const, lang: 'ja' as const, voice: 'knowledge-problems' }));
}

/** What the weights depend on: the features' code, the trainers, the messages, and the dictionary the words come from. */
export function digestOf(messages: TrainingMessage[]): string {
  const source = ['../../src/risk/features.ts', '../learn/softmax.ts', import.meta.url].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('');
  const dictionary = existsSync(DICTIONARY_STAMP) ? readFileSync(DICTIONARY_STAMP, 'utf8') : '';
  return createHash('sha256').update(source).update(dictionary).update(JSON.stringify(messages)).digest('hex').slice(0, 16);
}

/** The dictionary build's stamp (its inputs' digest): a new dictionary splits words differently. */
const DICTIONARY_STAMP = 'src/generated/dict/stamp.json';

/** Trains one variant (with the analyser's words, or characters only) and its thresholds. */
function trainVariant(messages: TrainingMessage[], tokenizer: Tokenizer | undefined): { variant: ModelVariant; figures: Figures } {
  const features = messages.map((m) => featureIndices(m.text, tokenizer));
  const idf = quantiseIdf(inverseDocumentFrequency(features, BUCKETS));
  const examples: Example[] = messages.map((m, i) => {
    const x = features[i] ?? [];
    return { x, v: weighted(x, idf.values), y: MODEL_CLASSES.indexOf(m.level) };
  });
  const figures = crossValidate(messages, examples);
  const level = train(examples, { classes: MODEL_CLASSES.length, dims: BUCKETS, seed: 7 });
  const kindExamples = messages.flatMap((m, i) =>
    m.kind === undefined ? [] : [{ x: examples[i]?.x ?? [], v: examples[i]?.v ?? [], y: ABUSE_KINDS.indexOf(m.kind) }],
  );
  const kind = train(kindExamples, { classes: ABUSE_KINDS.length, dims: BUCKETS, seed: 11 });
  return {
    variant: { idf: idf.idf, idfScale: idf.idfScale, level: quantise(level), kind: quantise(kind), thresholds: figures.thresholds },
    figures: { ...figures, variant: tokenizer === undefined ? 'characters only' : 'with words' },
  };
}

/** Everything the model learns from, without one rule set when the evaluation asks for it. */
export async function trainingPool(without?: string): Promise<TrainingMessage[]> {
  const sets = await Promise.all(
    RULE_SETS.filter((file) => file !== without).map(async (file) =>
      (await loadRiskCases(file)).map((c): TrainingMessage => {
        const lang = TrainingMessageSchema.shape.lang.safeParse(c.lang);
        return { text: c.text, level: c.level, kind: c.kind, lang: lang.success ? lang.data : 'ja', voice: file };
      }),
    ),
  );
  const training = loadTraining();
  await checkApart(training);
  return [...training, ...knowledgeNegatives(), ...sets.flat()];
}

/**
 * Training data and evaluation sets never share a message: every text of test/eval/ (the risk, language,
 * answer and routing sets), folded as the model reads it, is checked against the training files.
 */
async function checkApart(training: TrainingMessage[]): Promise<void> {
  const dir = 'test/eval';
  const seen = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) typeof item === 'string' ? seen.add(foldForModel(item)) : collect(item);
    else if (typeof node === 'object' && node !== null)
      for (const [key, value] of Object.entries(node)) key === 'text' && typeof value === 'string' ? seen.add(foldForModel(value)) : collect(value);
  };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) collect(parseYaml(readFileSync(join(dir, name), 'utf8')));
  const shared = training.filter((t) => seen.has(foldForModel(t.text)));
  if (shared.length > 0) throw new Error(`risk-model: ${shared.length} training message(s) are in an evaluation set, e.g. 「${shared[0]?.text}」`);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const describe = (f: Figures, n: number) =>
  `risk-model (${f.variant}): ${n} messages; ${f.folds}-fold held-out risk flagged: rules ${pct(f.recallRules)}, model ${pct(f.recallModel)}, both ${pct(f.recallCombined)}; false alarms on held-out none ${pct(f.falseAlarms)}; emergency kept at emergency by the model ${pct(f.emergencyAsEmergency)}; thresholds ${JSON.stringify(f.thresholds)}`;

export async function buildRiskModel(options: { force?: boolean } = {}): Promise<void> {
  const started = Date.now();
  const messages = await trainingPool();
  const digest = digestOf(messages);
  if (options.force !== true && existsSync(OUT)) {
    const previous: unknown = JSON.parse(readFileSync(OUT, 'utf8'));
    if (z.object({ trainedOn: z.object({ digest: z.literal(digest) }) }).safeParse(previous).success) {
      console.log(`risk-model: up to date (${messages.length} messages), skipped`);
      return;
    }
  }
  const tokenizer = await loadTokenizer();
  const words = trainVariant(messages, tokenizer);
  const chars = trainVariant(messages, undefined);
  const model: ModelFile = { version: 3, buckets: BUCKETS, words: words.variant, chars: chars.variant, trainedOn: { messages: messages.length, digest } };
  mkdirSync('src/generated', { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(model)}\n`);
  for (const { figures } of [words, chars]) console.log(describe(figures, messages.length));
  console.log(`risk-model: trained in ${Date.now() - started} ms`);
}

const CACHE = '.cache/risk-model';

/**
 * A model trained exactly as the bundled one but without `set`, for scoring that set at first sight.
 * Only the variant with words (the evaluation reads with the analyser): the characters-only slot holds
 * the same weights. Cached by the digest of its data and code.
 */
export async function leaveOneOut(set: string): Promise<ModelFile> {
  const messages = await trainingPool(set);
  const digest = digestOf(messages);
  const cached = join(CACHE, `without-${digest}.json`);
  if (existsSync(cached)) return ModelFileSchema.parse(JSON.parse(readFileSync(cached, 'utf8')));
  const { variant, figures } = trainVariant(messages, await loadTokenizer());
  console.log(`${describe(figures, messages.length)} — without ${set}`);
  const model: ModelFile = { version: 3, buckets: BUCKETS, words: variant, chars: variant, trainedOn: { messages: messages.length, digest } };
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cached, JSON.stringify(model));
  return model;
}

if (process.argv[1]?.endsWith('train.ts')) await buildRiskModel({ force: process.argv.includes('--force') });
