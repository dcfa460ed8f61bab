// The tokenizer loads in workerd (dictionary imported as a wrangler Data module) and splits residents'
// messages into the words the search index expects.
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../src/analyse/tokenizer';

describe('tokenizer in workerd', () => {
  it('loads the reduced dictionary once per isolate', async () => {
    const first = await loadTokenizer();
    const again = await loadTokenizer();
    expect(again).toBe(first);
  });

  it('gives the dictionary form of an inflected verb', async () => {
    const tokens = (await loadTokenizer()).tokenize('来月の家賃が払えません');
    expect(tokens.map((t) => t.surface)).toEqual(['来月', 'の', '家賃', 'が', '払え', 'ませ', 'ん']);
    const verb = tokens.find((t) => t.surface === '払え');
    expect(verb?.pos).toBe('動詞');
    expect(['払える', '払う']).toContain(verb?.basicForm);
    expect(tokens.every((t) => t.known)).toBe(true);
  });

  it('splits a procedure into its nouns', async () => {
    const tokens = (await loadTokenizer()).tokenize('介護保険の申請をしたい');
    expect(tokens.map((t) => t.surface)).toEqual(['介護', '保険', 'の', '申請', 'を', 'し', 'たい']);
    expect(tokens.filter((t) => t.pos === '名詞').map((t) => t.basicForm)).toEqual(['介護', '保険', '申請']);
    expect(tokens.find((t) => t.surface === 'し')?.basicForm).toBe('する');
  });

  it('does not fail on words outside the vocabulary, emoji, Latin text or an empty message', async () => {
    const tokenizer = await loadTokenizer();
    for (const text of ['ｶﾞｽﾀﾞｲ滞納でヤバい😭', 'Help me please 123', '', '\n', '𠮷野家で働いてます']) {
      const tokens = tokenizer.tokenize(text);
      expect(tokens.map((t) => t.surface).join('')).toBe(text);
    }
  });
});
