import { describe, expect, it } from 'vitest';
import { detectRisk } from '../../src/risk/detect-risk';
import { evaluateRisk } from '../../scripts/eval/risk';
import { loadRiskCases, RULE_SETS } from '../../scripts/risk-model/sets';
import { loadTokenizer } from '../../src/analyse/tokenizer';
import { flagGroup } from '../../src/risk/cues';
import { RISK_MODEL } from '../../src/risk/model';
import { byClass, modelLevel } from '../../src/risk/model-level';
import { screenConversation, screenMessage } from '../../src/risk/screen';
import { isEscalation } from '../../src/core/risk-level';

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

describe.each(RULE_SETS)('the rule set %s', (file) => {
  it('the rules alone flag every risk message, with false alarms at or below 5%', async () => {
    const figures = evaluateRisk(await loadRiskCases(file), 'rules');
    expect(figures.anyRisk.hit).toBe(figures.anyRisk.total);
    expect(figures.falseAlarms.hit / figures.falseAlarms.total).toBeLessThanOrEqual(0.05);
  });
});

describe('the learned screen', () => {
  it('loads from the build artefact with thresholds between 0 and 1', () => {
    for (const variant of [RISK_MODEL.withWords, RISK_MODEL.charsOnly])
      for (const t of Object.values(variant.thresholds)) {
        expect(t).toBeGreaterThan(0);
        expect(t).toBeLessThan(1);
      }
  });

  it('flags at the threshold of the message group, and at emergency when P(emergency) is high enough', () => {
    const thresholds = { flag: 0.3, flagNoCue: 0.5, flagShort: 0.7, emergency: 0.4, distress: 0.35 };
    const p = (risk: number, emergency = 0) => byClass([emergency, risk - emergency, 0, 0, 0, 1 - risk]);
    const long = 'ずっと前から考えていたことがあって、誰にも言えずにいます';
    expect(flagGroup('死にたい')).toBe('short');
    expect(flagGroup(`${long}。消えたい`)).toBe('cue');
    expect(flagGroup(long)).toBe('noCue');
    expect(modelLevel(p(0.6), thresholds, '死にたい')).toBe('none');
    expect(modelLevel(p(0.75), thresholds, '死にたい')).toBe('high');
    expect(modelLevel(p(0.35), thresholds, `${long}。消えたい`)).toBe('high');
    expect(modelLevel(p(0.35), thresholds, long)).toBe('none');
    expect(modelLevel(p(0.9, 0.5), thresholds, long)).toBe('emergency');
  });

  it('catches phrasings no rule was written for (the model alone, with and without the analyser)', async () => {
    const tokenizer = await loadTokenizer();
    for (const text of ['何のために生きてるのかもうわからんくなった', 'Honestly I do not see the point in going on anymore']) {
      expect(detectRisk(text).level).toBe('none');
      expect(['high', 'emergency']).toContain(screenMessage(text, tokenizer).level);
      expect(['high', 'emergency', 'concern']).toContain(screenMessage(text, undefined).level);
    }
  });

  it('reads a long message in windows: one sentence of risk in the middle of a story is not diluted', async () => {
    const tokenizer = await loadTokenizer();
    const story = '図書館で本を借りて、帰りに商店街でパンを買いました。夕方は区の体育館で卓球をしています。'.repeat(6);
    expect(screenMessage(story, tokenizer).level).toBe('none');
    expect(screenMessage(`${story}正直、もう消えてしまいたいと毎晩思っています。${story}`, tokenizer).level).not.toBe('none');
  });

  it('adds weak signals across turns: neither message is a crisis, the two together are', async () => {
    const tokenizer = await loadTokenizer();
    const now = new Date('2026-12-02T01:00:00+09:00');
    const earlier = '最近なにもかもどうでもいい';
    const text = '準備はできた';
    expect(isEscalation(screenMessage(earlier, tokenizer).level)).toBe(false);
    const single = screenMessage(text, tokenizer);
    expect(single.level).toBe('none');
    const recent = [{ text: earlier, at: new Date(now.getTime() - 10 * 60_000).toISOString() }];
    const whole = screenConversation(recent, text, now, single, tokenizer);
    expect(isEscalation(whole?.level ?? 'none')).toBe(true);
    expect(whole?.rule).toMatch(/^conversation:/);
    // Hours later the earlier words no longer count.
    const stale = [{ text: earlier, at: new Date(now.getTime() - 7 * 3600_000).toISOString() }];
    expect(screenConversation(stale, text, now, single, tokenizer)).toBeUndefined();
  });
});
