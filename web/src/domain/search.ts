/**
 * Knowledge-base search: ranked results with highlighted matches, facets, the
 * content-gap reports built from the query log, and synonym groups.
 */

/** One ranked article. `titleHtml` and `snippet` are server HTML: escaped text and <mark>. */
export interface SearchHit {
  readonly id: string;
  readonly title: string;
  readonly titleHtml: string;
  readonly snippet: string;
  readonly score: number;
  readonly slug: string;
  readonly language: string;
  readonly categoryId: string | null;
  /** Where the result opens: /knowledge/articles/<id> for staff, /help/<category>/<slug> in public. */
  readonly url: string;
}

/** A value to filter by, with how many matches have it. */
export interface FacetValue {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

export interface SearchFacets {
  readonly category: readonly FacetValue[];
  readonly tag: readonly FacetValue[];
}

export interface SearchAnswer {
  readonly results: readonly SearchHit[];
  /** Estimated number of matches. */
  readonly total: number;
  /**
   * A corrected query text. With `corrected` the results are already those of
   * the correction ("Showing results for …"); without, it is a suggestion.
   */
  readonly didYouMean: string | null;
  readonly corrected: boolean;
  /** Some results match only some of the words. */
  readonly partial: boolean;
  readonly facets: SearchFacets;
  /** Absent on the last page. */
  readonly nextCursor?: string;
}

export interface SearchQuery {
  readonly q: string;
  /**
   * The searcher pressed Enter or stopped typing: the last word is a whole
   * word, not a prefix, and the query log counts the search.
   */
  readonly final?: boolean;
  readonly categories?: readonly string[];
  readonly tags?: readonly string[];
  readonly language?: string;
  readonly facets?: boolean;
  readonly limit?: number;
  readonly cursor?: string | undefined;
}

/** What a "did you mean" line says, if anything. */
export type Correction =
  | { readonly kind: 'none' }
  /** The results are for `text` instead of what was typed. */
  | { readonly kind: 'showing'; readonly text: string }
  /** The results are for what was typed; `text` may find more. */
  | { readonly kind: 'suggest'; readonly text: string };

export function correctionOf(answer: Pick<SearchAnswer, 'didYouMean' | 'corrected'>): Correction {
  const text = answer.didYouMean?.trim() ?? '';
  if (text === '') return { kind: 'none' };
  return answer.corrected ? { kind: 'showing', text } : { kind: 'suggest', text };
}

// --- Highlighting ----------------------------------------------------------------------------

/** A run of text, marked when it matched the query. */
export interface HighlightPart {
  readonly text: string;
  readonly mark: boolean;
}

const kEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Turns the character references of escaped text back into characters; unknown ones stay. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      // NUL, surrogates and values beyond Unicode are not characters.
      if (code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return kEntities[name.toLowerCase()] ?? whole;
  });
}

/**
 * The text and marks of a server-highlighted string (`title_html`, `snippet`).
 * Only the exact tags `<mark>` and `</mark>` mean anything; every other tag,
 * attribute or script is kept as visible text, never as markup. The result is
 * meant for text nodes and <mark> elements, so nothing in it is ever parsed as
 * HTML (defence in depth: the server escapes already).
 */
export function highlightParts(html: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let mark = false;
  for (const piece of html.split(/(<\/?mark>)/i)) {
    const tag = piece.toLowerCase();
    if (tag === '<mark>') {
      mark = true;
    } else if (tag === '</mark>') {
      mark = false;
    } else if (piece !== '') {
      const text = decodeEntities(piece);
      const last = parts.at(-1);
      if (last?.mark === mark) {
        parts[parts.length - 1] = { text: last.text + text, mark };
      } else {
        parts.push({ text, mark });
      }
    }
  }
  return parts;
}

/** The plain text of a highlighted string. */
export function highlightText(html: string): string {
  return highlightParts(html)
    .map((p) => p.text)
    .join('');
}

// --- Content-gap reports -----------------------------------------------------------------------

export const kInsightPeriods = [7, 30, 90] as const;
export type InsightPeriod = (typeof kInsightPeriods)[number];
export const kAudiences = ['all', 'staff', 'public'] as const;
export type Audience = (typeof kAudiences)[number];

export interface TopQuery {
  readonly query: string;
  readonly searches: number;
  readonly clicks: number;
  readonly zeroResults: number;
}

export interface ZeroResultQuery {
  readonly query: string;
  readonly searches: number;
  readonly lastAt: string;
}

export interface LowClickQuery {
  readonly query: string;
  readonly searches: number;
  readonly clicks: number;
  /** 0..1 */
  readonly clickRate: number;
}

export interface SearchInsights {
  readonly from: string;
  readonly to: string;
  readonly top: readonly TopQuery[];
  readonly zeroResults: readonly ZeroResultQuery[];
  readonly lowClicks: readonly LowClickQuery[];
}

// --- Synonyms and settings ---------------------------------------------------------------------

export interface SynonymGroup {
  readonly id: string;
  readonly words: readonly string[];
}

export const kMinSynonymWords = 2;
export const kMaxSynonymWords = 20;
export const kMaxSynonymWordLength = 60;

/** "laptop, notebook,, Laptop " → ["laptop", "notebook"]: trimmed, no empties, no repeats. */
export function parseSynonymWords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const word = raw.trim().replace(/\s+/g, ' ');
    const key = word.toLowerCase();
    if (word === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

export type SynonymProblem = 'too_few' | 'too_many' | 'too_long';

/** Why the server would refuse these words as a group, or undefined. */
export function checkSynonymWords(words: readonly string[]): SynonymProblem | undefined {
  if (words.length < kMinSynonymWords) return 'too_few';
  if (words.length > kMaxSynonymWords) return 'too_many';
  // Counted in characters (code points), as the server counts them.
  if (words.some((w) => Array.from(w).length > kMaxSynonymWordLength)) return 'too_long';
  return undefined;
}

export interface SearchSettings {
  readonly queryRetentionDays: number;
}

export const kMinRetentionDays = 1;
export const kMaxRetentionDays = 3650;

/** A whole number of days the server accepts, from what was typed; undefined if none. */
export function parseRetentionDays(text: string): number | undefined {
  if (!/^\s*\d{1,5}\s*$/.test(text)) return undefined;
  const days = Number(text.trim());
  return days >= kMinRetentionDays && days <= kMaxRetentionDays ? days : undefined;
}

/** Where the staff full results page is for a query. */
export function searchPageHref(q: string): string {
  return `/knowledge/search?q=${encodeURIComponent(q)}`;
}
