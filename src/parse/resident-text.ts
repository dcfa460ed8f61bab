// A resident's text made safe once, at the edge, for everything after it: well-formed UTF-16 (a lone
// surrogate becomes U+FFFD), no NULs or other control characters (kuromoji throws on them), line breaks
// as \n. The whole text goes to the risk screen; what is stored is cut by record/messages.ts at a
// code-point boundary, and what is searched is bounded by analyse/understand.ts.

/** Control characters (Unicode category Cc: C0, DEL, C1) except tab and line feed. */
const CONTROL = /[^\P{Cc}\t\n]/gu;

export function cleanText(raw: string): string {
  return raw.toWellFormed().replace(/\r\n?/g, '\n').replace(CONTROL, '');
}
