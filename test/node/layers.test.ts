// The folders under src/ are the pipeline's steps, and data flows one way: a folder imports only from
// folders below it in LAYERS (README "How a message flows"). This test reads every import and fails on
// one that goes up or sideways, so a cycle between folders cannot come back.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Top to bottom. Folders on one row are entry points side by side and must not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['index.ts'],
  ['webhook', 'dev', 'staff', 'jobs'],
  ['verify'],
  ['parse'],
  ['pipeline'],
  ['risk'],
  ['analyse'],
  ['search'],
  ['compose'],
  ['send'],
  ['record'],
  ['hours'],
  ['knowledge'],
  ['core'],
  ['generated'],
];

const SRC = join(import.meta.dirname, '../../src');
const layerOf = (folder: string) => LAYERS.findIndex((row) => row.includes(folder));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function folderOf(path: string): string {
  const [first = ''] = relative(SRC, path).split('/');
  return first;
}

describe('src/ layering', () => {
  const edges = files(SRC).flatMap((file) =>
    Array.from(readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g), (m) => ({
      file: relative(SRC, file),
      from: folderOf(file),
      to: folderOf(join(dirname(file), m[1] ?? '')),
    })),
  );

  it('knows every folder', () => {
    const unknown = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((f) => layerOf(f) < 0);
    expect(unknown).toEqual([]);
  });

  it('has every import go down (or stay in its folder)', () => {
    const wrong = edges.filter((e) => e.from !== e.to && layerOf(e.to) <= layerOf(e.from)).map((e) => `${e.file} → ${e.to}/`);
    expect(wrong).toEqual([]);
  });

  it('reads imports correctly (a file that imports nothing local would hide a broken pattern)', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.file === 'index.ts' && e.to === 'webhook')).toBe(true);
  });
});
