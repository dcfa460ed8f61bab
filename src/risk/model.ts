// The learned risk screen: a linear model (src/core/linear-model.ts) over hashed, IDF-weighted
// features (features.ts), trained at build time from training/risk/ (scripts/risk-model/train.ts) and
// bundled as weights. Inference is arithmetic only and reads a long message in windows of a few
// sentences, so a wish to die in the middle of a story is not diluted. Two variants: with the
// analyser's words (the usual case) and with characters only, used if the analyser could not load —
// the screen never depends on it.
import modelJson from '../generated/risk-model.json';
import type { Tokenizer } from '../analyse/tokenizer';
import { decodeHead, decodeIdf, type LinearHead, predict } from '../core/linear-model';
import { ABUSE_KINDS, type AbuseKind } from '../core/risk-level';
import { featureIndices } from './features';
import { byClass } from './model-level';
import { type ModelClass, type ModelFile, ModelFileSchema, type ModelVariant } from './model-schema';

type Variant = { idf: Float32Array; level: LinearHead; kind: LinearHead; thresholds: ModelVariant['thresholds'] };

function decodeVariant(v: ModelVariant): Variant {
  return { idf: decodeIdf(v.idf, v.idfScale), level: decodeHead(v.level), kind: decodeHead(v.kind), thresholds: v.thresholds };
}

/** A model ready to read: both variants decoded once. */
export type RiskModel = { withWords: Variant; charsOnly: Variant };

export function decodeModel(file: ModelFile): RiskModel {
  return { withWords: decodeVariant(file.words), charsOnly: decodeVariant(file.chars) };
}

/** The model the build trained, decoded once per isolate. */
export const RISK_MODEL: RiskModel = decodeModel(ModelFileSchema.parse(modelJson));

export type ModelReading = {
  probabilities: Record<ModelClass, number>;
  /** 1 − P(none) − P(distress): how likely the message is at risk at all. */
  risk: number;
  kind: AbuseKind | undefined;
  thresholds: ModelVariant['thresholds'];
};

/** A long message is read in windows of consecutive sentences; the riskiest window speaks for it. */
const WINDOW_CHARS = 160;

function windows(text: string): string[] {
  if (text.length <= WINDOW_CHARS) return [text];
  const sentences = text.split(/(?<=[。．.！!？?\n])/u).filter((s) => s.trim().length > 0);
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i++) {
    let window = sentences[i] ?? '';
    for (let j = i + 1; j < sentences.length && window.length + (sentences[j]?.length ?? 0) <= WINDOW_CHARS; j++) window += sentences[j];
    out.push(window.slice(0, WINDOW_CHARS * 2));
  }
  return out;
}

export function readWithModel(text: string, tokenizer: Tokenizer | undefined, model: RiskModel = RISK_MODEL): ModelReading {
  const variant = tokenizer === undefined ? model.charsOnly : model.withWords;
  let best: ModelReading | undefined;
  for (const window of windows(text)) {
    const indices = featureIndices(window, tokenizer);
    const p = predict(variant.level, variant.idf, indices);
    const probabilities = byClass(p);
    const risk = 1 - probabilities.none - probabilities.distress;
    if (best === undefined || risk > best.risk) {
      const k = predict(variant.kind, variant.idf, indices);
      best = { probabilities, risk, kind: ABUSE_KINDS[k.indexOf(Math.max(...k))], thresholds: variant.thresholds };
    }
  }
  return (
    best ?? { probabilities: { emergency: 0, high: 0, abuse: 0, concern: 0, distress: 0, none: 1 }, risk: 0, kind: undefined, thresholds: variant.thresholds }
  );
}
