/** A word of the input with its place, so evidence can point back at the text. */
export interface Token {
  /** Normalised stem used for matching. */
  stem: string;
  start: number;
  end: number;
  stop: boolean;
}

// Words that carry no skill meaning on their own; they may sit inside a label
// ("manage a team") but never count as evidence.
const STOP = new Set(
  `a an and are as at be been being but by can could do does for from has have having he her his i if in into is it its
  of on or our ours she so such than that the their them then there these they this those to too us was we were what when
  where which while who whom why will with would you your yours all any both each few more most other some own same very
  just also etc e g ie eg via per within without across about above after again against before below between during
  over under until up down out off further once here how no nor not only s t don should now ability able strong good
  excellent experience experienced knowledge skills skill proficient proficiency familiarity familiar understanding
  working work including include includes using use used years year plus must required preferred desired looking ideal
  candidate candidates role team join new well`.split(/\s+/),
);

// Letters and digits, keeping the inner or trailing punctuation of names such
// as C++, C#, Node.js and TCP/IP's parts.
const WORD = /[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*[+#]*/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const norm = fold(m[0]);
    out.push({ stem: stem(norm), start: m.index, end: m.index + m[0].length, stop: STOP.has(norm) });
  }
  return out;
}

/** Content stems of a label or short text, in order. */
export function stems(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => t.stem);
}

export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/'s$/, '');
}

/**
 * A light, deterministic English stemmer ("lemmatise-ish"): enough to join
 * manage / managing / management and analyse / analysis / analyze. It only has
 * to be consistent, since labels and texts go through the same function.
 */
export function stem(w: string): string {
  if (w.length <= 3 || /[\d+#.]/.test(w)) return w;
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('s') && !/(ss|us|is|ys)$/.test(s)) s = s.slice(0, -1);
  const inflected = (s.endsWith('ing') && s.length > 5) || (s.endsWith('ed') && s.length > 4);
  if (inflected) {
    s = undouble(s.slice(0, s.endsWith('ing') ? -3 : -2));
    // automated → automat must meet automate → autom.
    if (s.endsWith('at') && s.length > 4) return s.slice(0, -2);
  }
  for (const [suffix, repl] of SUFFIXES) {
    if (s.endsWith(suffix) && s.length - suffix.length >= 3) {
      s = s.slice(0, -suffix.length) + repl;
      break;
    }
  }
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

const SUFFIXES: [string, string][] = [
  ['isation', 'is'],
  ['ization', 'is'],
  ['ation', ''],
  ['ition', 'it'],
  ['ment', ''],
  ['ness', ''],
  ['ysis', 'ys'],
  ['yse', 'ys'],
  ['yze', 'ys'],
  ['ize', 'is'],
  ['ise', 'is'],
  ['ate', ''],
  ['ical', 'ic'],
  ['ally', 'al'],
  ['ly', ''],
];

function undouble(s: string): string {
  return /([^aeiouls])\1$/.test(s) ? s.slice(0, -1) : s;
}
