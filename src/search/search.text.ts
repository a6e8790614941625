/*
 * What a search query becomes before it reaches SQLite. User text never goes to MATCH as typed:
 * FTS5's query language gives meaning to quotes, AND/OR/NOT, NEAR(), `*`, `^`, `:`, `-`, `+` and
 * parentheses, so a stray character would be a syntax error (a 500) or, worse, a different query.
 * Instead the text is cut into words here, the way the index's unicode61 tokenizer cuts it, and
 * every word goes back as a double-quoted FTS5 string, which FTS5 reads as plain text.
 */

/** Words beyond this many are ignored: a query of 10,000 words costs the same as one of 16. */
export const MAX_WORDS = 16;

/** Longer words are cut; no indexed term is this long. */
const MAX_WORD_LENGTH = 64;

/** Words shorter than this are not typo-corrected: one edit turns them into too many other words. */
export const MIN_TYPO_LENGTH = 4;

/** Folds text the way the tokenizer does: decomposed, diacritics dropped, lower case. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a query as the index spells them (`Kübernetes` → `kubernetes`), at most MAX_WORDS. */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  for (const match of fold(text).matchAll(/[\p{L}\p{N}]+/gu)) {
    words.push([...match[0]].slice(0, MAX_WORD_LENGTH).join(''));
    if (words.length === MAX_WORDS) break;
  }
  return words;
}

/**
 * The whole query as one key, compared with lower-cased names and aliases to find exact matches.
 * Control characters other than whitespace are dropped: no name holds one (PostgreSQL's text
 * cannot hold NUL at all).
 */
export function exactKey(text: string): string {
  return (
    fold(text)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
      .trim()
      .replace(/\s+/g, ' ')
  );
}

/** One query word and what it may match: itself (as a prefix) or, after a typo, its corrections. */
export interface SearchWord {
  word: string;
  corrections: string[];
}

/** An FTS5 string literal: inside double quotes every character is text (a quote is doubled). */
function quoted(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The MATCH expression: every word must match. With `prefixes`, a word also matches the terms it
 * starts (`kube` finds Kubernetes), unless it is a single character, which would match a sixth of
 * the vocabulary. A corrected word matches its corrections only, since as typed it matches nothing.
 */
export function matchExpression(words: readonly SearchWord[], prefixes = true): string {
  return words
    .map(({ word, corrections }) => {
      const prefix = prefixes && [...word].length > 1 ? '*' : '';
      const alternatives = corrections.length ? corrections.map(quoted) : [`${quoted(word)}${prefix}`];
      return `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}

/** Matches when the words, as one phrase, open the text (`^`): a corrected word counts as its best correction. */
export function startsWith(words: readonly SearchWord[]): string {
  return `^${quoted(words.map((w) => w.corrections[0] ?? w.word).join(' '))}`;
}

/** The same expression limited to some columns of the index. */
export function inColumns(columns: readonly string[], expression: string): string {
  return `{${columns.join(' ')}} : (${expression})`;
}

/** How many edits a word may be from its correction: one, or two for words of eight or more characters. */
export function maxTypoDistance(word: string): number {
  return [...word].length >= 8 ? 2 : 1;
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring):
 * insertions, deletions, substitutions and swaps of two neighbours each count one. Returns
 * `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[t.length], limit + 1);
}

/** An indexed term and how many entries hold it. */
export interface VocabularyTerm {
  term: string;
  entries: number;
}

/** Corrections kept per word: the closest terms, most common first. */
const MAX_CORRECTIONS = 5;

/** The indexed terms closest to a misspelt word (within maxTypoDistance), most common first. */
export function corrections(word: string, candidates: readonly VocabularyTerm[]): string[] {
  const limit = maxTypoDistance(word);
  const scored = candidates
    .map((c) => ({ ...c, distance: editDistance(word, c.term, limit) }))
    .filter((c) => c.distance > 0 && c.distance <= limit);
  const best = Math.min(...scored.map((c) => c.distance));
  return scored
    .filter((c) => c.distance === best)
    .sort((x, y) => y.entries - x.entries || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0))
    .slice(0, MAX_CORRECTIONS)
    .map((c) => c.term);
}
