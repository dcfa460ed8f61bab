// The one trainer of the project's linear classifiers (src/core/linear-model.ts): multinomial logistic
// regression by SGD over IDF-weighted binary features, L2-normalised, reproducible (a fixed seed, a fixed
// order: the same data gives the same weights on every machine, so the build can run it). Used by the
// risk screen's trainer (scripts/risk-model/train.ts, hashed n-gram buckets) and the answer matcher's
// (scripts/build-answers.ts, a vocabulary of analysed terms).
import { FIXED_POINT } from '../../src/core/linear-model';

/** A small deterministic generator (mulberry32), so shuffles and folds are the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One training example: its feature indices, their weighted values (`weighted`), its class. */
export type Example = { x: number[]; v: number[]; y: number };
export type FloatHead = { w: Float64Array; b: Float64Array; classes: number; dims: number };

export function probabilities(head: FloatHead, e: Pick<Example, 'x' | 'v'>): number[] {
  const s = Array.from(head.b);
  for (let j = 0; j < e.x.length; j++) {
    const i = e.x[j] ?? 0;
    const v = e.v[j] ?? 0;
    for (let c = 0; c < head.classes; c++) s[c] = (s[c] ?? 0) + (head.w[i * head.classes + c] ?? 0) * v;
  }
  const m = Math.max(...s);
  const ex = s.map((z) => Math.exp(z - m));
  const sum = ex.reduce((a, b) => a + b, 0);
  return ex.map((z) => z / sum);
}

export type TrainOptions = { classes: number; dims: number; seed: number; epochs?: number };

/**
 * SGD with classes weighted by the square root of their inverse frequency: rare classes count more, but
 * less than fully (for the risk screen, full weighting made everyday hardship read as abuse; its flag
 * thresholds then restore recall).
 */
export function train(examples: Example[], { classes, dims, seed, epochs = 25 }: TrainOptions): FloatHead {
  const head: FloatHead = { w: new Float64Array(dims * classes), b: new Float64Array(classes), classes, dims };
  const counts = new Array(classes).fill(0);
  for (const e of examples) counts[e.y]++;
  const weight = counts.map((n) => (n === 0 ? 0 : Math.sqrt(examples.length / (classes * n))));
  const order = examples.map((_, i) => i);
  const rnd = random(seed);
  const lambda = 1e-6;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    const lr = 1.5 / (1 + epoch * 0.3);
    for (const k of order) {
      const e = examples[k];
      if (e === undefined) continue;
      const p = probabilities(head, e);
      for (let c = 0; c < classes; c++) {
        const g = ((p[c] ?? 0) - (c === e.y ? 1 : 0)) * (weight[e.y] ?? 1);
        head.b[c] = (head.b[c] ?? 0) - lr * g * 0.1;
        for (let j = 0; j < e.x.length; j++) {
          const at = (e.x[j] ?? 0) * classes + c;
          head.w[at] = (head.w[at] ?? 0) * (1 - lr * lambda) - lr * g * (e.v[j] ?? 0);
        }
      }
    }
  }
  return head;
}

/** IDF per feature from the training texts: rare telling words weigh more than particles; a feature no text has gets the highest. */
export function inverseDocumentFrequency(features: number[][], dims: number): Float64Array {
  const df = new Float64Array(dims);
  for (const x of features) for (const i of x) df[i] = (df[i] ?? 0) + 1;
  const idf = new Float64Array(dims);
  for (let i = 0; i < dims; i++) idf[i] = Math.log((features.length + 1) / ((df[i] ?? 0) + 1)) + 1;
  return idf;
}

/** The IDF as the Worker will see it (quantised to bytes), so training and inference weigh alike. */
export function quantiseIdf(idf: Float64Array): { idf: string; idfScale: number; values: Float64Array } {
  let max = 0;
  for (const v of idf) max = Math.max(max, v);
  const idfScale = Math.round((max / 255) * FIXED_POINT);
  const scale = idfScale / FIXED_POINT;
  const bytes = new Uint8Array(idf.length);
  const values = new Float64Array(idf.length);
  for (let i = 0; i < idf.length; i++) {
    bytes[i] = Math.round((idf[i] ?? 0) / scale);
    values[i] = (bytes[i] ?? 0) * scale;
  }
  return { idf: Buffer.from(bytes).toString('base64'), idfScale, values };
}

export function weighted(x: number[], idf: Float64Array): Example['v'] {
  const raw = x.map((i) => idf[i] ?? 0);
  const norm = Math.sqrt(raw.reduce((a, b) => a + b * b, 0)) || 1;
  return raw.map((v) => v / norm);
}

/** int8 weights with a scale per class, as src/core/linear-model.ts reads them. */
export function quantise(head: FloatHead): { weights: string; scales: number[]; bias: number[] } {
  const scales = Array.from({ length: head.classes }, (_, c) => {
    let max = 0;
    for (let i = 0; i < head.dims; i++) max = Math.max(max, Math.abs(head.w[i * head.classes + c] ?? 0));
    return max === 0 ? 1 : max / 127;
  });
  const bytes = new Uint8Array(head.dims * head.classes);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round((head.w[i] ?? 0) / (scales[i % head.classes] ?? 1)) & 0xff;
  return {
    weights: Buffer.from(bytes).toString('base64'),
    scales: scales.map((s) => Math.round(s * FIXED_POINT)),
    bias: Array.from(head.b, (b) => Math.round(b * FIXED_POINT)),
  };
}
