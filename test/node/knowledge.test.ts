// knowledge/: every window the ward's plans name and every national/Tokyo line is in the data, the
// loader names file, entry and field for broken edits, and every phone number has a source.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isReachable, KnowledgeError, loadKnowledge, type Knowledge } from '../../scripts/knowledge/load';
import { reportKnowledge } from '../../scripts/knowledge/report';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');

/** Drops (…) groups, nested ones too: the checklist puts notes and seed numbers in them. */
function dropParens(s: string): string {
  let t = s.normalize('NFKC');
  for (let prev = ''; t !== prev; ) [prev, t] = [t, t.replace(/\([^()]*\)/g, '')];
  return t;
}
const norm = (s: string): string => s.normalize('NFKC').replace(/[\s「」『』・()]/g, '');

/** Where the checklist's wording differs from the name the data uses. */
const CHECKLIST_ALIASES: Record<string, string> = {
  'ボランティア・地域福祉推進センター区内4か所': 'ボランティア・地域福祉推進センター',
  保健相談所の母子保健: '母子保健',
  がん患者の支援: 'がん患者',
};

let knowledge: Knowledge;
beforeAll(() => {
  knowledge = loadKnowledge(join(ROOT, 'knowledge'));
});

describe('knowledge coverage', () => {
  const rows = readFileSync(join(SHARED, 'reference', 'windows-checklist.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2));

  it('reads the checklist (about 110 names in its rows)', () => {
    expect(rows.length).toBeGreaterThan(50);
  });

  it.each(rows)('covers every name in the checklist row: %s', (row) => {
    const names = knowledge.entries.flatMap((e) => [e.name, ...e.aliases, ...e.services]);
    const haystack = [...names.map(norm), ...names.map((n) => norm(dropParens(n)))].join('\n');
    const items = dropParens(row)
      .split(/[:;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const missing = items.filter((item) => !haystack.includes(norm(CHECKLIST_ALIASES[item] ?? item)));
    expect(missing).toEqual([]);
  });

  it('has the branches as entries with their parent', () => {
    const byId = new Map(knowledge.entries.map((e) => [e.id, e]));
    const children = (parent: string): string[] => knowledge.entries.filter((e) => e.parent === parent && e.kind === 'window').map((e) => e.name);
    expect(children('fukushi-jimusho').join()).toMatch(/練馬.*光が丘.*石神井.*大泉/);
    for (const area of ['豊玉', '北', '光が丘', '石神井', '大泉', '関'])
      expect(children('hoken-soudanjo').some((n) => n.startsWith(`${area}保健相談所`))).toBe(true);
    expect(children('kodomo-katei-shien-center')).toHaveLength(4);
    expect(children('chiiki-houkatsu').join()).toMatch(/北町はるのひ.*中村かしわ/);
    expect(byId.get('ward-office')?.phones[0]?.number).toBe('03-3993-1111');
    expect(byId.get('emergency-119')?.phones[0]?.number).toBe('119');
    expect(byId.get('police-110')?.phones[0]?.number).toBe('110');
  });

  it('has every national and Tokyo line of contacts.md as a hotline, by number (or by name when it has none)', () => {
    const md = readFileSync(join(SHARED, 'reference', 'contacts.md'), 'utf8');
    const section = md.split('## National and Tokyo lines')[1]?.split('\n## ')[0] ?? '';
    const tableRows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| name') && !l.startsWith('|---'));
    expect(tableRows.length).toBeGreaterThan(20);
    const digits = (s: string): string => s.replace(/[^\d#]/g, '');
    const hotlines = knowledge.entries.filter((e) => e.kind === 'hotline');
    const have = new Set(hotlines.flatMap((e) => e.phones.map((p) => digits(p.number))));
    const names = hotlines.map((e) => norm(e.name)).join('\n');
    const missing: string[] = [];
    for (const row of tableRows) {
      const [, name = '', numberCell = ''] = row.split('|').map((c) => c.trim());
      const numbers = numberCell.match(/#\d{4}|0\d{1,4}-\d{1,6}(?:-\d{1,5})?|(?<![\d-])1\d{2}(?![\d-])/g) ?? [];
      if (numbers.length === 0) {
        if (!names.includes(norm(dropParens(name)))) missing.push(name);
      } else for (const n of numbers) if (!have.has(digits(n))) missing.push(`${name} ${n}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('knowledge data', () => {
  it('gives every entry at least one way to reach it', () => {
    expect(knowledge.entries.filter((e) => !isReachable(e)).map((e) => e.id)).toEqual([]);
  });

  it('describes each entry with 5 to 15 problems in the words residents use', () => {
    const off = knowledge.entries.filter((e) => e.problems.length < 5 || e.problems.length > 15).map((e) => `${e.id}: ${e.problems.length}`);
    expect(off).toEqual([]);
  });

  it('names the crisis lines by the risks they serve', () => {
    for (const risk of ['suicide', 'emergency', 'child-abuse', 'dv', 'sexual-violence', 'disability-abuse', 'bereaved', 'youth'] as const) {
      expect(
        knowledge.entries.some((e) => e.risks.includes(risk)),
        risk,
      ).toBe(true);
    }
  });

  it('passes check-facts: every phone number has a source', () => {
    const run = spawnSync(process.execPath, [join(SHARED, 'tools', 'check-facts.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toMatch(/have a source/);
    expect(run.status).toBe(0);
  });

  it('passes npm run knowledge:lint on the real data', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/knowledge/lint.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('reports what staff must verify', () => {
    const blocks = reportKnowledge(knowledge.entries, new Date('2026-11-23T00:00:00Z'));
    expect(blocks.some((b) => b.includes('UNVERIFIED NUMBER phone 03-3992-1188'))).toBe(true);
    expect(blocks.some((b) => b.includes('only askFor'))).toBe(true);
    expect(blocks.some((b) => b.includes('times unknown'))).toBe(true);
    expect(blocks.some((b) => /stale: .* last seen 2018/.test(b))).toBe(true);
  });
});

describe('loadKnowledge on broken edits', () => {
  let dir = '';
  const SYNONYMS = 'groups:\n  - {to: 失業, from: [クビ]}\n';
  const entry = (id: string, extra = ''): string =>
    [
      `  - id: ${id}`,
      '    kind: window',
      `    name: 窓口${id}`,
      '    categories: [money]',
      '    summary: テスト用の窓口です。',
      '    problems: [お金がない]',
      '    eligibility: {audiences: [anyone]}',
      '    access: [phone]',
      '    sources: [{ref: "seed 001", confidence: official}]',
      '    checked: 2026-11-23',
      extra,
    ]
      .filter(Boolean)
      .join('\n');
  const ROUTING = ['wardOffice: a', 'leadNumbers: [a]', 'generalWindows: [a]', 'foreignWindows: [a]', 'wardMindWindow: a', 'areas: [光が丘]'].join('\n');
  const write = (files: Record<string, string>): string => {
    dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
    writeFileSync(join(dir, 'synonyms.yaml'), SYNONYMS);
    writeFileSync(join(dir, 'routing.yaml'), ROUTING);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const problemsOf = (d: string): string => {
    try {
      loadKnowledge(d);
    } catch (e) {
      if (e instanceof KnowledgeError) return e.message;
      throw e;
    }
    return '';
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a valid file and applies defaults', () => {
    const k = loadKnowledge(write({ 'a.yaml': `entries:\n${entry('a', '    askFor: 生活福祉課')}\n` }));
    expect(k.entries[0]?.aliases).toEqual([]);
    expect(k.synonyms[0]?.to).toBe('失業');
  });

  it('names the file, the entry and the field of a schema error', () => {
    const bad = entry(
      'seikatsu-support-center',
      '    askFor: 生活福祉課\n    hours: {weekly: [{days: [mon], times: ["09:00-17:00", "9-5"]}], source: {ref: "seed 001", confidence: official}}',
    );
    const message = problemsOf(write({ 'money.yaml': `entries:\n${bad}\n` }));
    expect(message).toMatch(/money\.yaml:\d+: entry "seikatsu-support-center": hours\.weekly\[0\]\.times\[1\]: expected "HH:MM-HH:MM"/);
  });

  it('names the entry by index when it has no id, and reports every problem at once', () => {
    const noId = entry('x', '    askFor: a').replace('  - id: x\n    kind', '  - kind');
    const message = problemsOf(write({ 'a.yaml': `entries:\n${noId}\n`, 'b.yaml': `entries:\n${entry('b', '    askFor: b\n    colour: red')}\n` }));
    expect(message).toMatch(/a\.yaml:\d+: entry #1: id: /);
    expect(message).toMatch(/b\.yaml:\d+: entry "b": .*colour/);
  });

  it('reports YAML syntax errors with their line', () => {
    const message = problemsOf(write({ 'a.yaml': 'entries:\n  - id: a\n    name: [unclosed\n' }));
    expect(message).toMatch(/a\.yaml:\d+: YAML syntax error/);
  });

  it('rejects duplicate ids across files', () => {
    const message = problemsOf(write({ 'a.yaml': `entries:\n${entry('same', '    askFor: a')}\n`, 'b.yaml': `entries:\n${entry('same', '    askFor: b')}\n` }));
    expect(message).toMatch(/b\.yaml: entry "same": id: duplicate id, already used in .*a\.yaml/);
  });

  it('rejects a parent that no entry has', () => {
    const message = problemsOf(write({ 'a.yaml': `entries:\n${entry('branch', '    askFor: a\n    parent: nowhere')}\n` }));
    expect(message).toMatch(/a\.yaml: entry "branch": parent: no entry has the id "nowhere"/);
  });

  it('rejects an entry with no way to reach it', () => {
    const message = problemsOf(write({ 'a.yaml': `entries:\n${entry('lost')}\n` }));
    expect(message).toMatch(/a\.yaml: entry "lost": no way to reach it/);
  });
});
