// Windows as LINE Flex bubbles a resident can act on (https://developers.line.biz/en/docs/messaging-api/flex-message-elements/):
// what it helps with, open now / closes at / opens next, a call button, the address with a map, the web
// page, and a note when a fact is not yet verified. altText carries the same in plain text for
// notifications and clients without Flex.
import type { messagingApi } from '@line/bot-sdk';
import type { Entry } from '../knowledge/schema';
import { describeHours, describeStatus } from './describe-hours';
import { isOpenNow, knownClosedNow, mayBeReachableNow, openStatus } from '../hours/open-status';
import { hasUnverifiedFacts, reachFor, telUri } from './contact';
import { fill } from './prompts-schema';
import { localeTexts, type Locale } from './locale';

type FlexComponent = messagingApi.FlexComponent;

/** LINE caps altText at 1,500 characters and a carousel at 12 bubbles; we show at most 3 (issue 6). */
const MAX_ALT_TEXT = 1500;

export function mapUri(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}

export function windowBubble(entry: Entry, now: Date, locale: Locale = 'ja'): messagingApi.FlexBubble {
  const t = localeTexts(locale);
  const reach = reachFor(entry, now);
  const status = reach?.status ?? openStatus(entry.hours, now);
  const open = isOpenNow(status);
  const body: FlexComponent[] = [
    { type: 'text', text: entry.name, weight: 'bold', size: 'md', wrap: true },
    { type: 'text', text: entry.summary, size: 'sm', color: '#444444', wrap: true },
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
  // The timetable line is Japanese (the window's own words); an English card has the status line above.
  if (locale === 'ja' && entry.hours !== undefined && !entry.hours.always)
    body.push({ type: 'text', text: describeHours(entry.hours), size: 'xs', color: '#666666', wrap: true });
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

/** One line per window for altText: name, number, open status. */
export function windowSummary(entry: Entry, now: Date, locale: Locale = 'ja'): string {
  const t = localeTexts(locale);
  const reach = reachFor(entry, now);
  const status = describeStatus(reach?.status ?? openStatus(entry.hours, now), reach?.schedule ?? entry.hours, now, t);
  return `${entry.name}${reach ? ` ☎${reach.number}` : ''}（${status}）`;
}

export function windowsMessage(entries: Entry[], now: Date, locale: Locale = 'ja', quickReply?: messagingApi.QuickReply): messagingApi.FlexMessage {
  const alt = `${locale === 'en' ? 'Windows' : '窓口のご案内'}：${entries.map((e) => windowSummary(e, now, locale)).join('／')}`;
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
