import { describe, expect, it } from 'vitest';
import { fold, toHiragana } from '../../src/analyse/normalise';

describe('fold', () => {
  it.each([
    ['ｼﾆﾀｲ', 'しにたい'],
    ['シニタイ', 'しにたい'],
    ['し に た い', 'しにたい'],
    ['死.に.た.い', '死にたい'],
    ['しにたーーーい', 'しにたい'],
    ['しにたぁぁい', 'しにたい'],
    ['死にたいいいいい', '死にたい'],
    ['ＯＤしちゃった', 'odしちやつた'.replace('や', 'ゃ').replace('つ', 'っ')],
    ['死にたい😢', '死にたい'],
    ['消えたい…。', '消えたい'],
  ])('folds %s to %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('keeps small ya/yu/yo/tsu, which are syllables, not stretching', () => {
    expect(fold('しょっちゅう')).toBe('しょっちゅう');
  });

  it('folds katakana to hiragana', () => {
    expect(toHiragana('リストカット')).toBe('りすとかっと');
  });
});
