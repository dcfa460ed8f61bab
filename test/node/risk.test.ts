import { describe, expect, it } from 'vitest';
import { detectRisk } from '../../src/risk/detect-risk';
import { evaluateRisk, loadRiskCases } from '../../scripts/eval/risk';

describe('detectRisk', () => {
  it.each([
    ['死にたい', 'high'],
    ['ｼﾆﾀｲ', 'high'],
    ['タヒにたい', 'high'],
    ['4ね', 'high'],
    ['氏にたい', 'high'],
    ['死にてえ', 'high'],
    ['shinitai', 'high'],
    ['し に た い', 'high'],
    ['消えたい…', 'high'],
    ['借金で死ぬしかない', 'high'],
    ['今から飛び降りる', 'emergency'],
    ['薬を大量に飲んだ', 'emergency'],
    ['遺書を書いた', 'emergency'],
    ['屋上にいる', 'emergency'],
    ['友達が死にたいと言っている', 'concern'],
    ['夫に殴られる', 'abuse'],
    ['死ぬほど忙しい', 'none'],
    ['死亡届の出し方', 'none'],
    ['首が痛い', 'none'],
    ['飛び込み営業', 'none'],
    ['家賃が払えない', 'none'],
  ] as const)('screens %s as %s', (text, level) => {
    expect(detectRisk(text).level).toBe(level);
  });

  it('marks someone else as the danger when violence is happening now (110 first)', () => {
    expect(detectRisk('お父さんがお母さんを殴ってる 止まらない こわい')).toMatchObject({ level: 'emergency', otherDanger: true });
  });

  it('tells a child writing about their own home', () => {
    expect(detectRisk('パパにぶたれた いたいよ')).toMatchObject({ level: 'abuse', abuseKind: 'child', childVoice: true });
  });

  it.each([
    ['夫に無理やり性行為をさせられる', 'dv'],
    ['80歳の母が弟に殴られているようです', 'elder'],
    ['障害のある息子が施設で叩かれている', 'disability'],
    ['痴漢にあった', 'sexual'],
  ] as const)('tells who is harmed: %s → %s', (text, kind) => {
    expect(detectRisk(text).abuseKind).toBe(kind);
  });
});

describe.each(['test/eval/risk-cases.yaml', 'test/eval/risk-cases-2.yaml', 'test/eval/risk-holdout.yaml'])('the risk evaluation set %s', (file) => {
  it('keeps recall at 100% for every level and false alarms at or below 5%', async () => {
    const figures = evaluateRisk(await loadRiskCases(file));
    const misses = figures.failures.filter((f) => f.case.level !== 'none').map((f) => `${f.case.level}: ${f.case.text}`);
    expect(misses).toEqual([]);
    expect(figures.anyRisk.total).toBeGreaterThanOrEqual(100);
    expect(figures.falseAlarms.total).toBeGreaterThanOrEqual(100);
    expect(figures.falseAlarms.hit / figures.falseAlarms.total).toBeLessThanOrEqual(0.05);
  });
});

describe.each(['test/eval/risk-holdout-2.yaml', 'test/eval/risk-holdout-3.yaml'])('the later evaluation set %s', (file) => {
  it('flags every risk message at some risk level, with false alarms at or below 5%', async () => {
    const figures = evaluateRisk(await loadRiskCases(file));
    expect(figures.anyRisk.hit).toBe(figures.anyRisk.total);
    expect(figures.falseAlarms.hit / figures.falseAlarms.total).toBeLessThanOrEqual(0.05);
  });
});
