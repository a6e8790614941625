import { normaliseName } from '../import/slug';
import { SearchableType } from '../search/search.types';
import {
  ALIAS_CONFIDENCE,
  AMBIGUOUS,
  AMBIGUOUS_CONFIDENCE,
  CONTEXT_WINDOW,
  CONTEXT_WORDS,
  CONTEXT_WORDS_WINDOW,
  MAX_SHARED_FORM,
  MULTI_WORD_BONUS,
  NAME_CONFIDENCE,
  REPEAT_BONUS,
  ROLE_SHARED_ALIAS_CONFIDENCE,
  ROLE_SHORT_ALIAS_LIST,
  ROLE_WORD_ALIAS_CONFIDENCE,
  SHARED_FORM_FACTOR,
  STOP,
} from './extract.rules';
import { ResponsibilityMatcher } from './extract.responsibilities';

/*
 * The compiled matcher: a trie over the token keys of every name and alias, walked once over the
 * text's tokens. At each token the longest name that starts there wins (`Spring Boot` over
 * `Spring`, `Amazon Web Services` over `Amazon`) and the walk goes on after it, so matches never
 * overlap and the work is the number of tokens times the length of the longest name that fits,
 * whatever the number of names. The rules (stop list, ambiguous names and their context,
 * confidence) are in extract.rules.ts.
 */

/** Most distinct words the matcher remembers the keys of (a few MB). */
const MEMO_LIMIT = 100_000;

/** The types extraction looks for when none are asked for; categories only when asked. */
export const DEFAULT_TYPES: readonly SearchableType[] = [
  SearchableType.ROLE,
  SearchableType.SKILL,
  SearchableType.TOOL,
  SearchableType.RESPONSIBILITY,
];

/** An entity's names as the store reads them. */
export interface NamedEntity {
  type: SearchableType;
  rowId: number;
  slug: string;
  name: string;
  aliases: readonly string[];
}

/** One word of a text: where it is (UTF-16 offsets, end exclusive) and the key it matches by. */
export interface Token {
  key: string;
  start: number;
  end: number;
}

/** One place the text mentions an entity. */
export interface Mention {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** The text as written. */
  text: string;
  /** The name or alias that matched, as the atlas spells it. */
  matched: string;
  viaAlias: boolean;
  confidence: number;
}

/** An entity the text mentions, with every mention. */
export interface Extracted {
  type: SearchableType;
  rowId: number;
  slug: string;
  confidence: number;
  mentions: Mention[];
}

interface Entry {
  type: SearchableType;
  rowId: number;
  slug: string;
  written: string;
  viaAlias: boolean;
  /** How many aliases the entity has: among roles sharing an alias, the one with the fewest is the likely one. */
  aliasCount: number;
}

interface TrieNode {
  next?: Map<string, TrieNode>;
  entries?: Entry[];
  /** The form is ambiguous (extract.rules.ts: AMBIGUOUS, or one token of at most two characters). */
  ambiguous?: boolean;
}

/**
 * A word: letters and digits (accents kept, folded later), with a trailing `#` or `++` (`C#`,
 * `C++`) and a leading `.` when no letter precedes it (`.NET`, but `ASP.NET` is two words). A
 * possessive `'s` after it is read and left out of the word. Everything else separates words, line
 * breaks and punctuation included.
 */
const WORD = /(?<![\p{L}\p{N}\p{M}])(\.?[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:\+\+|#)?)(?:['’]s(?![\p{L}\p{N}]))?/gu;

/**
 * Simple inflection: `databases` → `database`, `technologies` → `technology`, `APIs` → `api`,
 * `processes` → `process`. Words of three letters or fewer (`AWS`, `K8s`) and words ending in
 * -ss, -us, -is (`CSS`, `status`, `Redis`) are left alone. Applied to names and text alike, so a
 * name that is itself plural (`Kubernetes`) still matches.
 */
export function stem(key: string): string {
  if (key.length <= 3 || !key.endsWith('s') || /(ss|us|is)$/.test(key)) return key;
  if (key.endsWith('ies')) return `${key.slice(0, -3)}y`;
  if (/(sses|ches|shes|xes|zes)$/.test(key)) return key.slice(0, -2);
  return key.slice(0, -1);
}

/**
 * The base forms of a name whose last word is an -ing noun, when it has two words or more: `Unit
 * testing` is also `unit test` (so `unit tests` match), `Load balancing` also `load balanc` and
 * `load balance`, `End-to-end testing` also `end to end test`. One-word names (`Caching`,
 * `Logging`) are left alone: `log` and `cache` alone are ordinary words, and the evaluation lost
 * precision on them.
 */
export function ingBases(keys: readonly string[]): string[] {
  const last = keys[keys.length - 1];
  if (keys.length < 2 || last.length < 6 || !last.endsWith('ing')) return [];
  let base = last.slice(0, -3);
  if (/([b-df-hj-np-tv-z])\1$/.test(base) && !/(ss|ll|zz)$/.test(base)) base = base.slice(0, -1);
  return [base, `${base}e`];
}

/** The key a word matches by: the name normalisation of the import engine (src/import/slug.ts), then `stem`. */
export function tokenKey(word: string, memo?: Map<string, string>): string {
  let key = memo?.get(word);
  if (key === undefined) {
    key = stem(normaliseName(word));
    memo?.set(word, key);
  }
  return key;
}

/** The words of a text with their offsets and keys. */
export function tokenize(text: string, memo?: Map<string, string>): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[1];
    const key = tokenKey(word, memo);
    if (key) tokens.push({ key, start: match.index, end: match.index + word.length });
  }
  return tokens;
}

function isAmbiguous(keys: readonly string[]): boolean {
  return AMBIGUOUS.has(keys.join(' ')) || (keys.length === 1 && keys[0].length <= 2);
}

/** Written as the name is (`Go`, `React`), or in capitals (`GO`): `go` and `react` in prose do not count. */
function casedAsName(written: string, text: string): boolean {
  if (text === written) return true;
  return text.length > 1 && text === text.toUpperCase() && written !== written.toLowerCase();
}

/** A candidate of the walk: tokens [from, to) and the trie node that matched them. */
interface Candidate {
  from: number;
  to: number;
  node: TrieNode;
}

/** Every name and alias of the atlas, compiled for matching; built once per data version (extract.service.ts). */
export class CompiledMatcher {
  private readonly root: TrieNode = {};
  /** How many names and aliases were compiled. */
  readonly forms: number;
  /**
   * The key of every word seen, kept across calls: most words of a posting recur from one posting
   * to the next, and normalising each again is most of the tokenizer's time and garbage. Emptied
   * when it passes MEMO_LIMIT words, so it stays bounded whatever the texts.
   */
  private readonly keys = new Map<string, string>();
  /** Responsibilities are found by passage (extract.responsibilities.ts), not by name. */
  readonly responsibilities: ResponsibilityMatcher;

  constructor(entities: Iterable<NamedEntity>) {
    const memo = new Map<string, string>();
    let forms = 0;
    const duties: NamedEntity[] = [];
    for (const entity of entities) {
      if (entity.type === SearchableType.RESPONSIBILITY) {
        duties.push(entity);
        continue;
      }
      const seen = new Set<string>();
      const insert = (keys: readonly string[], written: string, viaAlias: boolean) => {
        const path = keys.join(' ');
        if (keys.length === 0 || seen.has(path) || (keys.length === 1 && STOP.has(keys[0]))) return;
        seen.add(path);
        let node = this.root;
        for (const key of keys) {
          node.next ??= new Map();
          let child = node.next.get(key);
          if (!child) node.next.set(key, (child = {}));
          node = child;
        }
        node.ambiguous = isAmbiguous(keys);
        (node.entries ??= []).push({
          type: entity.type,
          rowId: entity.rowId,
          slug: entity.slug,
          written,
          viaAlias,
          aliasCount: entity.aliases.length,
        });
        forms++;
      };
      const add = (written: string, viaAlias: boolean) => {
        const keys = tokenize(written, memo).map((t) => t.key);
        insert(keys, written, viaAlias);
        for (const base of ingBases(keys)) insert([...keys.slice(0, -1), base], written, viaAlias);
      };
      add(entity.name, false);
      for (const alias of entity.aliases) add(alias, true);
    }
    this.forms = forms;
    this.responsibilities = new ResponsibilityMatcher(duties, (word) => tokenKey(word, memo));
  }

  /** The entities the text mentions, of the given types, at or above `minConfidence`; in order of first mention. */
  extract(text: string, types: readonly SearchableType[], minConfidence = 0): Extracted[] {
    const wanted = new Set(types);
    // Names of the default types compete for the longest match even when not asked for (so `SQL`
    // inside `Microsoft SQL Server` is not a skill on its own); categories only when asked.
    const competing = new Set([...DEFAULT_TYPES, ...types]);
    if (this.keys.size > MEMO_LIMIT) this.keys.clear();
    const tokens = tokenize(text, this.keys);
    const candidates = this.walk(tokens, 0, tokens.length, competing);
    const technology = candidates
      .filter((c) => !c.node.ambiguous && c.node.entries!.some((e) => e.type === SearchableType.TOOL))
      .map((c) => c.from);
    const byEntity = new Map<string, Extracted>();
    for (const candidate of candidates) {
      const start = tokens[candidate.from].start;
      const end = tokens[candidate.to - 1].end;
      const written = text.slice(start, end);
      const context = candidate.node.ambiguous && this.hasContext(tokens, candidate, technology);
      const live = candidate.node.entries!.filter(
        (e) => competing.has(e.type) && (!candidate.node.ambiguous || (context && casedAsName(e.written, written))),
      );
      // A form that is some entity's own name (`Conduit benders`, a tool; `Data Engineer`, a role)
      // is not also a role it is only an alternate title of.
      const named = live.some((e) => !e.viaAlias);
      const perType = new Map<SearchableType, Entry[]>();
      for (const entry of live) {
        if (!wanted.has(entry.type)) continue;
        if (entry.type === SearchableType.ROLE && entry.viaAlias && named) continue;
        perType.set(entry.type, [...(perType.get(entry.type) ?? []), entry]);
      }
      for (const entries of perType.values()) {
        if (entries.length > MAX_SHARED_FORM) continue;
        const fewestAliases = Math.min(...entries.map((e) => e.aliasCount));
        for (const entry of entries) {
          const words = candidate.to - candidate.from;
          let confidence = candidate.node.ambiguous
            ? AMBIGUOUS_CONFIDENCE
            : entry.type === SearchableType.ROLE && entry.viaAlias && words === 1
              ? ROLE_WORD_ALIAS_CONFIDENCE
              : (entry.viaAlias ? ALIAS_CONFIDENCE : NAME_CONFIDENCE) + (words > 1 ? MULTI_WORD_BONUS : 0);
          if (entries.length > 1) confidence *= SHARED_FORM_FACTOR;
          if (
            entry.type === SearchableType.ROLE &&
            entry.viaAlias &&
            entries.length > 1 &&
            (entry.aliasCount > fewestAliases || entry.aliasCount > ROLE_SHORT_ALIAS_LIST)
          ) {
            confidence = Math.min(confidence, ROLE_SHARED_ALIAS_CONFIDENCE);
          }
          const key = `${entry.type}:${entry.rowId}`;
          let found = byEntity.get(key);
          if (!found) byEntity.set(key, (found = { type: entry.type, rowId: entry.rowId, slug: entry.slug, confidence: 0, mentions: [] }));
          found.mentions.push({
            start,
            end,
            text: written,
            matched: entry.written,
            viaAlias: entry.viaAlias,
            confidence: round(confidence),
          });
        }
      }
    }
    const result: Extracted[] = [];
    for (const found of byEntity.values()) {
      const best = Math.max(...found.mentions.map((m) => m.confidence));
      found.confidence = round(Math.min(1, best + REPEAT_BONUS * (found.mentions.length - 1)));
      if (found.confidence >= minConfidence) result.push(found);
    }
    if (!wanted.has(SearchableType.RESPONSIBILITY)) return result;
    const titles = new Set<number>();
    for (const c of candidates) {
      if (c.node.entries!.some((e) => e.type === SearchableType.ROLE)) for (let k = c.from; k < c.to; k++) titles.add(k);
    }
    const duties = this.responsibilities.extract(text, tokens, minConfidence, titles);
    return [...result, ...duties].sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  }

  /**
   * Longest match at each token among the competing types, left to right, without overlaps; inside
   * a role's title the other types are matched too (`Java Developer` is a role and mentions Java).
   */
  private walk(tokens: readonly Token[], from: number, to: number, competing: ReadonlySet<SearchableType>): Candidate[] {
    const candidates: Candidate[] = [];
    let i = from;
    while (i < to) {
      let node: TrieNode | undefined = this.root;
      let best: Candidate | undefined;
      for (let j = i; j < to; j++) {
        node = node.next?.get(tokens[j].key);
        if (!node) break;
        if (node.entries?.some((e) => competing.has(e.type))) best = { from: i, to: j + 1, node };
      }
      if (best) {
        candidates.push(best);
        if (best.to - best.from > 1 && best.node.entries!.every((e) => e.type === SearchableType.ROLE || !competing.has(e.type))) {
          const inner = new Set([...competing].filter((t) => t !== SearchableType.ROLE));
          candidates.push(...this.walk(tokens, best.from, best.to, inner).filter((c) => c.to - c.from < best!.to - best!.from));
        }
        i = best.to;
      } else {
        i++;
      }
    }
    return candidates;
  }

  /** A technology word within CONTEXT_WORDS_WINDOW tokens, or an unambiguous tool within CONTEXT_WINDOW. */
  private hasContext(tokens: readonly Token[], candidate: Candidate, technology: readonly number[]): boolean {
    for (
      let k = Math.max(0, candidate.from - CONTEXT_WORDS_WINDOW);
      k < Math.min(tokens.length, candidate.to + CONTEXT_WORDS_WINDOW);
      k++
    ) {
      if ((k < candidate.from || k >= candidate.to) && CONTEXT_WORDS.has(tokens[k].key)) return true;
    }
    return technology.some((from) => from !== candidate.from && Math.abs(from - candidate.from) <= CONTEXT_WINDOW);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
