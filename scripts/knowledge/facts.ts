// The project's own fact lint, beyond check-facts (which only asks whether a number is in a source):
// every number must be given to THIS window by its source row, a fax is never offered as a phone, a
// three-digit number is one of the national short numbers, and the confidence levels are honest.
import { readFileSync } from 'node:fs';
import type { Answer, Entry, Source } from '../../src/knowledge/schema';

/** Three-digit numbers residents may be told: police, ambulance, child-abuse, consumer, disaster message. */
const SHORT_NUMBERS = new Set(['110', '119', '189', '188', '171']);
/** A government page (national, Tokyo, a municipality, the ward's FAQ) or the ward's own plan (a seed). */
const GOVERNMENT =
  /seed \d{3}|^seed |\.go\.jp|\.lg\.jp|metro\.tokyo|(?:^|[\s/.])(?:city|town|vill|pref)\.[a-z0-9-]+(?:\.[a-z-]+)?\.jp|call-center\.jp\/faq_nerima|gov-online/;

export type ContactRow = { name: string; numbers: string[]; faxes: string[] };

const digits = (s: string) => s.normalize('NFKC').replace(/[^\d#]/g, '');

/** The table rows of contacts.md: each row's first cell (the window) and the numbers it gives. */
export function readContactRows(markdown: string): ContactRow[] {
  const rows: ContactRow[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|') || /^\|\s*-/.test(line)) continue;
    const cells = line.split('|').map((c) => c.trim());
    const name = cells[1] ?? '';
    const text = cells.slice(2).join(' | ').normalize('NFKC');
    const faxes = [...text.matchAll(/FAX\s*:?\s*(0\d{1,4}-\d{1,4}-\d{3,4})/gi)].map((m) => digits(m[1] ?? ''));
    const numbers = [...`${name} ${text}`.normalize('NFKC').matchAll(/(?<![\d#])(0\d{1,4}-\d{1,4}-\d{3,5}|0570-\d{6}|#\d{4}|1\d{2}(?!\d))/g)]
      .map((m) => digits(m[1] ?? ''))
      .filter((n) => !faxes.includes(n));
    rows.push({ name, numbers, faxes });
  }
  return rows;
}

/** Shares a run of three characters (kanji names are short): 「練馬総合福祉事務所」 and 「総合福祉事務所」. */
function related(a: string, b: string): boolean {
  const x = a.normalize('NFKC').replace(/[\s（）()・、]/g, '');
  const y = b.normalize('NFKC').replace(/[\s（）()・、]/g, '');
  for (let i = 0; i + 3 <= x.length; i++) if (y.includes(x.slice(i, i + 3))) return true;
  return false;
}

function sourcesOf(e: Entry): { what: string; source: Source; number?: string }[] {
  const out: { what: string; source: Source; number?: string }[] = [];
  for (const p of e.phones) {
    out.push({ what: `phone ${p.number}`, source: p.source, number: p.number });
    if (p.hours) out.push({ what: `hours of ${p.number}`, source: p.hours.source, number: p.number });
  }
  if (e.fax) out.push({ what: 'fax', source: e.fax.source });
  if (e.web) out.push({ what: 'web', source: e.web.source });
  if (e.address) out.push({ what: 'address', source: e.address.source });
  if (e.hours) out.push({ what: 'hours', source: e.hours.source });
  for (const s of e.sources) out.push({ what: 'sources', source: s });
  return out;
}

export function lintFacts(entries: Entry[], contactsMarkdown: string): string[] {
  const rows = readContactRows(contactsMarkdown);
  const faxes = new Set(rows.flatMap((r) => r.faxes));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const problems: string[] = [];
  for (const e of entries) {
    const names = [e.name, ...e.aliases, e.department ?? '', e.parent === undefined ? '' : (byId.get(e.parent)?.name ?? '')].filter((n) => n.length > 0);
    for (const p of e.phones) {
      const n = digits(p.number);
      if (/^\d{3}$/.test(n) && !SHORT_NUMBERS.has(n))
        problems.push(`${e.id}: phone ${p.number}: a three-digit number that is not ${[...SHORT_NUMBERS].join('/')}`);
      if (faxes.has(n)) problems.push(`${e.id}: phone ${p.number}: contacts.md gives this number as a FAX`);
      if (SHORT_NUMBERS.has(n) || p.source.confidence === 'well-known') continue;
      const givenBy = rows.filter((r) => r.numbers.includes(n));
      if (givenBy.length === 0) continue; // check-facts finds numbers that are in no source at all
      const mine = givenBy.some((r) => names.some((name) => related(r.name, name)) || related(r.name, p.label) || p.source.ref.includes(r.name));
      if (!mine) problems.push(`${e.id}: phone ${p.number}: contacts.md gives it to ${givenBy.map((r) => `「${r.name}」`).join(', ')}, not to this window`);
    }
    for (const { what, source, number } of sourcesOf(e)) {
      if (source.confidence === 'official' && !GOVERNMENT.test(source.ref))
        problems.push(`${e.id}: ${what}: "official" needs a government page or a seed in its ref: ${source.ref}`);
      if (
        source.confidence === 'well-known' &&
        !(number !== undefined && ['110', '119'].includes(digits(number))) &&
        !['emergency-119', 'police-110'].includes(e.id)
      ) {
        problems.push(`${e.id}: ${what}: "well-known" is for 110 and 119 only`);
      }
    }
  }
  return problems;
}

export function lintFactsFile(entries: Entry[], contactsPath = '../shared/reference/contacts.md'): string[] {
  return lintFacts(entries, readFileSync(contactsPath, 'utf8'));
}

/** Hosts that copy official pages: their content is the ward's, but staff confirm it on the live page. */
const COPY_HOSTS = /cloudfront\.net|cache\.yimg\.jp|webcache|archive\.org/;

/**
 * The answer base's own lint: an answer says no more than its source — every number in it appears in
 * the quoted sentences — and an `official` source is a government page read directly (or a seed).
 */
export function lintAnswers(answers: Answer[]): string[] {
  const problems: string[] = [];
  const phrasingOwner = new Map<string, string>();
  for (const a of answers) {
    const quote = a.source.quote.normalize('NFKC');
    for (const n of a.answer.normalize('NFKC').match(/\d+(?:[.,]\d+)?/g) ?? []) {
      if (!quote.includes(n)) problems.push(`answer ${a.id}: the number ${n} is not in the quoted source`);
    }
    const where = a.source.url ?? `seed ${a.source.seed ?? ''}`;
    if (a.source.confidence === 'official' && (!GOVERNMENT.test(where) || COPY_HOSTS.test(where)))
      problems.push(`answer ${a.id}: "official" needs a government page read directly or a seed: ${where}`);
    if (a.source.confidence === 'well-known') problems.push(`answer ${a.id}: "well-known" is for 110 and 119 only`);
    for (const p of [a.question, ...a.phrasings]) {
      const key = p.normalize('NFKC').replace(/\s/g, '');
      const other = phrasingOwner.get(key);
      if (other !== undefined && other !== a.id) problems.push(`answer ${a.id}: the phrasing 「${p}」 is also one of ${other}'s`);
      phrasingOwner.set(key, a.id);
    }
  }
  return problems;
}
