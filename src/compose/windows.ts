// Windows as LINE Flex bubbles a resident can act on (https://developers.line.biz/en/docs/messaging-api/flex-message-elements/):
// what it helps with, open now / closes at / opens next, a call button, the address with a map, the web
// page, and a note when a fact is not yet verified. altText carries the same in plain text for
// notifications and clients without Flex.
import type { messagingApi } from '@line/bot-sdk';
import type { Entry } from '../knowledge/schema';
import { describeHours, describeStatus } from './describe-hours';
import { isOpenNow, knownClosedNow, mayBeReachableNow, openStatus } from '../hours/open-status';
import { hasUnverifiedFacts, reachFor, telUri } from './contact';
import { displayName } from './display-name';
import { fill } from './prompts-schema';
import { isJapanese, LOCALE_NAMES, LOCALES, type Locale } from '../core/locale';
import { translationFor } from '../knowledge/data';
import { localeTexts } from './locale';
import { promptsFor } from './prompts';

type FlexComponent = messagingApi.FlexComponent;

/** LINE caps altText at 1,500 characters and a carousel at 12 bubbles; we show at most 3 (issue 6). */
const MAX_ALT_TEXT = 1500;

export function mapUri(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}

export function windowBubble(entry: Entry, now: Date, locale: Locale): messagingApi.FlexBubble {
  const t = localeTexts(locale);
  const reach = reachFor(entry, now);
  const status = reach?.status ?? openStatus(entry.hours, now);
  const open = isOpenNow(status);
  const body: FlexComponent[] = [
    // The official Japanese name first: it is what the resident shows or says at the counter.
    { type: 'text', text: entry.name, weight: 'bold', size: 'md', wrap: true },
    ...translatedLines(entry, locale),
    { type: 'separator', margin: 'md' },
    {
      type: 'text',
      text: describeStatus(status, reach?.schedule ?? entry.hours, now, t),
      size: 'sm',
      weight: 'bold',
      color: open ? '#1b7a33' : status.kind === 'closed' ? '#a35200' : '#333333',
      wrap: true,
      margin: 'md',
    },
  ];
  if (entry.hours !== undefined && !entry.hours.always)
    body.push({ type: 'text', text: describeHours(entry.hours, t), size: 'xs', color: '#666666', wrap: true });
  if (reach !== undefined)
    body.push({ type: 'text', text: `☎ ${reach.number}${reach.label && reach.viaWard === undefined ? `（${reach.label}）` : ''}`, size: 'sm', wrap: true });
  if (reach?.viaWard !== undefined) body.push({ type: 'text', text: fill(t.askFor, { section: reach.viaWard }), size: 'xs', color: '#444444', wrap: true });
  if (entry.address !== undefined) body.push({ type: 'text', text: `📍 ${entry.address.text}`, size: 'xs', color: '#444444', wrap: true });
  if (hasUnverifiedFacts(entry, now)) body.push({ type: 'text', text: t.unverified, size: 'xxs', color: '#8a6d00', wrap: true, margin: 'md' });

  const buttons: FlexComponent[] = [];
  if (reach !== undefined)
    buttons.push({ type: 'button', style: 'primary', height: 'sm', color: '#06c755', action: { type: 'uri', label: t.labelCall, uri: telUri(reach.number) } });
  if (entry.address !== undefined)
    buttons.push({ type: 'button', style: 'secondary', height: 'sm', action: { type: 'uri', label: t.labelMap, uri: mapUri(entry.address.text) } });
  if (entry.web !== undefined) buttons.push({ type: 'button', style: 'link', height: 'sm', action: { type: 'uri', label: t.labelWeb, uri: entry.web.url } });

  const bubble: messagingApi.FlexBubble = { type: 'bubble', size: 'kilo', body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: body } };
  if (buttons.length > 0) bubble.footer = { type: 'box', layout: 'vertical', spacing: 'sm', contents: buttons };
  return bubble;
}

/**
 * Under the name: what the window helps with, in the resident's language where a translation exists
 * (knowledge/translations/), its name in that language, the languages it is known to speak, and a note
 * while staff have not yet reviewed the translation.
 */
function translatedLines(entry: Entry, locale: Locale): FlexComponent[] {
  const translation = locale === 'ja' ? undefined : translationFor(entry.id, locale);
  const lines: FlexComponent[] = [];
  if (translation !== undefined && translation.name !== entry.name)
    lines.push({ type: 'text', text: translation.name, size: 'sm', weight: 'bold', color: '#333333', wrap: true });
  lines.push({ type: 'text', text: translation?.summary ?? entry.summary, size: 'sm', color: '#444444', wrap: true });
  if (isJapanese(locale)) return lines;
  const p = promptsFor(locale);
  const spoken = entry.languages.filter((l) => l !== 'ja').flatMap((l) => LOCALES.find((known) => known === l) ?? []);
  if (spoken.length > 0)
    lines.push({
      type: 'text',
      text: fill(p.card_languages, { languages: spoken.map((l) => LOCALE_NAMES[l]).join(', ') }),
      size: 'xs',
      color: '#1b5e9a',
      wrap: true,
    });
  if (translation !== undefined && !translation.reviewed)
    lines.push({ type: 'text', text: p.card_translation_note, size: 'xxs', color: '#8a6d00', wrap: true });
  return lines;
}

/** One line per window for altText: name, number, open status. */
export function windowSummary(entry: Entry, now: Date, locale: Locale): string {
  const t = localeTexts(locale);
  const reach = reachFor(entry, now);
  const status = describeStatus(reach?.status ?? openStatus(entry.hours, now), reach?.schedule ?? entry.hours, now, t);
  return `${displayName(entry, locale)}${reach ? ` ☎${reach.number}` : ''}（${status}）`;
}

export function windowsMessage(entries: Entry[], now: Date, locale: Locale, quickReply?: messagingApi.QuickReply): messagingApi.FlexMessage {
  const alt = `${promptsFor(locale).results_intro} ${entries.map((e) => windowSummary(e, now, locale)).join(' / ')}`;
  const message: messagingApi.FlexMessage = {
    type: 'flex',
    altText: alt.length > MAX_ALT_TEXT ? `${alt.slice(0, MAX_ALT_TEXT - 1)}…` : alt,
    contents: { type: 'carousel', contents: entries.slice(0, 12).map((e) => windowBubble(e, now, locale)) },
  };
  if (quickReply !== undefined) message.quickReply = quickReply;
  return message;
}

/**
 * How reachable the windows are now, as far as the sources say: `open` when one may be reached,
 * `closed` when every one is known to be closed (its hours are known), `unknown` otherwise — then the
 * reply claims nothing about now (a window with no known hours is never called closed).
 */
export function windowsNow(entries: Entry[], now: Date): 'open' | 'closed' | 'unknown' {
  const statuses = entries.map((e) => {
    const reach = reachFor(e, now);
    const schedule = reach?.schedule ?? e.hours;
    const status = reach?.status ?? openStatus(schedule, now);
    return { reachable: mayBeReachableNow(status, schedule, now), closed: knownClosedNow(status, schedule, now) };
  });
  if (statuses.some((s) => s.reachable)) return 'open';
  return statuses.every((s) => s.closed) ? 'closed' : 'unknown';
}
