// A linear classifier as the build writes it and the Worker reads it: multinomial logistic regression over
// IDF-weighted binary features (L2-normalised), weights quantised to int8 per class. Shared by the risk
// screen (src/risk/model.ts) and the answer matcher (src/search/answers.ts); trained by
// scripts/learn/softmax.ts. Inference is arithmetic only.
import { z } from 'zod';

/**
 * Scales and biases are stored as whole numbers of billionths: a decimal like 0.00 followed by eight digits reads as a
 * phone number to the fact check (../shared/tools/check-facts.mjs scans src/, generated files included),
 * a whole number cannot (it never starts with 0).
 */
export const FIXED_POINT = 1e9;
const Fixed = z.number().int();

/** One head: int8 weights (feature-major, base64), a scale per class, a bias per class. */
export const LinearHeadSchema = z.object({ weights: z.string(), scales: z.array(Fixed), bias: z.array(Fixed) });
/** The IDF's byte scale, in the same fixed point. */
export const IdfScaleSchema = Fixed;
export type LinearHeadFile = z.infer<typeof LinearHeadSchema>;

export type LinearHead = { weights: Int8Array; scales: number[]; bias: number[]; classes: number };

export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function decodeHead(head: LinearHeadFile): LinearHead {
  const raw = base64Bytes(head.weights);
  return {
    weights: new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength),
    scales: head.scales.map((s) => s / FIXED_POINT),
    bias: head.bias.map((b) => b / FIXED_POINT),
    classes: head.bias.length,
  };
}

/** IDF per feature, stored as bytes times a scale. */
export function decodeIdf(idf: string, scale: number): Float32Array {
  return Float32Array.from(base64Bytes(idf), (b) => (b * scale) / FIXED_POINT);
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Class probabilities: IDF-weighted binary features, L2-normalised, as in training. */
export function predict(head: LinearHead, idf: Float32Array, indices: readonly number[]): number[] {
  let norm = 0;
  for (const b of indices) norm += (idf[b] ?? 0) ** 2;
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  const scores = [...head.bias];
  for (const b of indices) {
    const value = (idf[b] ?? 0) * scale;
    for (let c = 0; c < head.classes; c++) scores[c] = (scores[c] ?? 0) + (head.weights[b * head.classes + c] ?? 0) * (head.scales[c] ?? 0) * value;
  }
  return softmax(scores);
}
