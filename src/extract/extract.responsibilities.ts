import { SearchableType } from '../search/search.types';
import type { Extracted, NamedEntity, Token } from './extract.matcher';
import {
  DUTY_FILLER,
  DUTY_MAX_CANDIDATE_LIST,
  DUTY_MAX_CONFIDENCE,
  DUTY_MAX_WORDS_NEEDED,
  DUTY_MIN_CONFIDENCE,
  DUTY_PER_PASSAGE,
  DUTY_THRESHOLD,
  PASSAGE_MAX_WORDS,
  CLAUSE_MIN_WORDS,
} from './extract.rules';

/*
 * Responsibilities are sentences (`Designing and managing databases`, O*NET's `Inspect equipment,
 * such as rides, games, and vehicles, to detect wear and damage.`), and postings describe them in
 * their own words, so they are not matched as names. Each passage of the text (a sentence, a line,
 * a bullet) is scored against every responsibility by the content words they share, after light
 * stemming (`designs`, `designing`, `designer` → `design`), each word weighted by its IDF over the
 * responsibility texts: a responsibility is found when the passage holds at least DUTY_THRESHOLD
 * of its weight and all its words but one (at most DUTY_MAX_WORDS_NEEDED).
 * Words of a role's title (`Web Developer`) do not count: a title names who, not what they do. Work is bounded per passage: candidates come
 * only from words that at most DUTY_MAX_CANDIDATE_LIST responsibilities use, so a passage of w
 * words looks at no more than w × that many responsibilities, whatever their number.
 */

/**
 * The light stem of a token key (extract.matcher.ts `tokenKey`: folded, lower-case, plural
 * dropped): one derivational or inflectional ending off (`-ation`, `-ing`, `-ment`, `-ed`, `-er`,
 * `-ity`, `-e`, …) when three letters stay, a doubled final consonant undone (`debugging` →
 * `debug`), then the first six letters. Coarse on purpose: `integrate`, `integrating` and
 * `integration` meet at `integr`; IDF weighting keeps the rare collisions cheap.
 */
export function dutyStem(key: string): string {
  let word = key;
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      word = word.slice(0, -suffix.length);
      if (/([b-df-hj-np-tv-z])\1$/.test(word) && !/(ss|ll|zz)$/.test(word)) word = word.slice(0, -1);
      break;
    }
  }
  return word.slice(0, 6);
}

const SUFFIXES = [
  'izations',
  'ization',
  'isations',
  'isation',
  'ations',
  'ation',
  'ating',
  'ated',
  'ator',
  'ate',
  'ments',
  'ment',
  'ances',
  'ance',
  'ences',
  'ence',
  'ings',
  'ing',
  'ions',
  'ion',
  'ities',
  'ity',
  'ers',
  'er',
  'ed',
  'ly',
  'al',
  'e',
];

interface Duty {
  rowId: number;
  slug: string;
  name: string;
  /** Word ids of its distinct content words. */
  words: Int32Array;
  /** The sum of their IDF weights. */
  total: number;
  /** The IDF weight of its words that do not nominate it: too common (DUTY_MAX_CANDIDATE_LIST), or outside its prefix. */
  common: number;
  /** How many of them a passage must hold: all but one, at least one, at most DUTY_MAX_WORDS_NEEDED. */
  needs: number;
}

/** Every responsibility of the atlas, compiled for matching passages; built with the name matcher, once per data version. */
export class ResponsibilityMatcher {
  private readonly wordIds = new Map<string, number>();
  private readonly idf: Float64Array;
  /** Per word id, the responsibilities using it; empty for words too common to nominate candidates. */
  private readonly users: Int32Array[];
  private readonly duties: Duty[] = [];
  /** Scratch, reused by every call (matching is synchronous): which passage last saw each word, and each duty's score. */
  private readonly seen: Int32Array;
  private readonly visited: Int32Array;
  /** Per duty, the weight of the passage's words that nominated it. */
  private readonly rare: Float64Array;
  /** The duties the passage's words nominated (each once). */
  private readonly candidates: Int32Array;
  /**
   * Per duty, the weight its nominating words must reach for it to be worth counting in full (the
   * threshold less the weight of its common words); and every duty's words in one flat array, duty
   * i's from wordStart[i] to wordStart[i + 1]. Flat typed arrays: the hot loop reads 18,800 duties
   * in random order, and objects scattered over the heap would each cost a cache miss.
   */
  private readonly shortfall: Float64Array;
  private readonly totals: Float64Array;
  private readonly wordStart: Int32Array;
  private readonly wordList: Int32Array;
  private passage = 0;
  private readonly idMemo = new Map<string, number>();

  constructor(entities: Iterable<NamedEntity>, keyOf: (word: string) => string) {
    const df: number[] = [];
    for (const entity of entities) {
      const ids = new Set<number>();
      for (const word of entity.name.match(DUTY_WORD) ?? []) {
        const id = this.wordId(keyOf(word), true);
        if (id >= 0) ids.add(id);
      }
      if (ids.size === 0) continue;
      for (const id of ids) df[id] = (df[id] ?? 0) + 1;
      this.duties.push({
        rowId: entity.rowId,
        slug: entity.slug,
        name: entity.name,
        words: Int32Array.from(ids),
        total: 0,
        common: 0,
        needs: Math.max(1, Math.min(DUTY_MAX_WORDS_NEEDED, ids.size - 1)),
      });
    }
    const n = this.duties.length;
    this.idf = Float64Array.from(df, (d) => Math.log(1 + n / d));
    const lists: number[][] = df.map(() => []);
    // Prefix filtering: a passage can reach DUTY_THRESHOLD of a duty's weight only if it holds one
    // of the duty's heaviest words, those without which the rest weighs less than the threshold.
    // Only those (when not too common) nominate the duty; `common` is the weight of the others.
    this.duties.forEach((duty, index) => {
      const byWeight = [...duty.words].sort((a, b) => this.idf[b] - this.idf[a]);
      duty.total = byWeight.reduce((sum, id) => sum + this.idf[id], 0);
      // It must also hold `needs` of its words, so one of any (length - needs + 1) of them: the shorter prefix serves.
      let rest = duty.total;
      byWeight.forEach((id, k) => {
        const prefix = rest >= DUTY_THRESHOLD * duty.total && k < byWeight.length - duty.needs + 1;
        rest -= this.idf[id];
        if (prefix && df[id] <= DUTY_MAX_CANDIDATE_LIST) lists[id].push(index);
        else duty.common += this.idf[id];
      });
    });
    this.users = lists.map((list) => Int32Array.from(list));
    this.seen = new Int32Array(df.length);
    this.visited = new Int32Array(n);
    this.rare = new Float64Array(n);
    this.candidates = new Int32Array(n);
    this.totals = Float64Array.from(this.duties, (duty) => duty.total);
    this.shortfall = Float64Array.from(this.duties, (duty) => DUTY_THRESHOLD * duty.total - duty.common);
    this.wordStart = new Int32Array(n + 1);
    this.duties.forEach((duty, index) => (this.wordStart[index + 1] = this.wordStart[index] + duty.words.length));
    this.wordList = new Int32Array(this.wordStart[n]);
    this.duties.forEach((duty, index) => this.wordList.set(duty.words, this.wordStart[index]));
  }

  /** How many responsibilities were compiled. */
  get size(): number {
    return this.duties.length;
  }

  /** The responsibilities the passages of a tokenized text describe, at or above `minConfidence`, in order of first mention. */
  extract(text: string, tokens: readonly Token[], minConfidence: number, titles: ReadonlySet<number> = new Set()): Extracted[] {
    const found = new Map<number, Extracted>();
    const accepted: { duty: number; coverage: number }[] = [];
    const { seen, visited, rare, idf, users, duties, candidates, shortfall, totals, wordStart, wordList } = this;
    for (const [from, to] of passages(text, tokens)) {
      if (this.passage === 2 ** 30) {
        this.passage = 0;
        seen.fill(0);
        visited.fill(0);
      }
      const passage = ++this.passage;
      let count = 0;
      for (let i = from; i < to; i++) {
        if (titles.has(i)) continue;
        const id = this.idOf(tokens[i].key);
        if (id < 0 || seen[id] === passage) continue;
        seen[id] = passage;
        const weight = idf[id];
        const list = users[id];
        for (let k = 0; k < list.length; k++) {
          const duty = list[k];
          if (visited[duty] !== passage) {
            visited[duty] = passage;
            rare[duty] = weight;
            candidates[count++] = duty;
          } else {
            rare[duty] += weight;
          }
        }
      }
      accepted.length = 0;
      for (let c = 0; c < count; c++) {
        const index = candidates[c];
        // Even with every common word present, too little weight: skip the full count.
        if (rare[index] < shortfall[index]) continue;
        let weight = 0;
        let matched = 0;
        for (let k = wordStart[index]; k < wordStart[index + 1]; k++) {
          if (seen[wordList[k]] === passage) {
            weight += idf[wordList[k]];
            matched++;
          }
        }
        const coverage = weight / totals[index];
        if (coverage >= DUTY_THRESHOLD && matched >= duties[index].needs) accepted.push({ duty: index, coverage });
      }
      accepted.sort((a, b) => b.coverage - a.coverage);
      const start = tokens[from].start;
      const end = tokens[to - 1].end;
      for (const { duty: index, coverage } of accepted.slice(0, DUTY_PER_PASSAGE)) {
        const duty = this.duties[index];
        const confidence = round(
          DUTY_MIN_CONFIDENCE + ((DUTY_MAX_CONFIDENCE - DUTY_MIN_CONFIDENCE) * (coverage - DUTY_THRESHOLD)) / (1 - DUTY_THRESHOLD),
        );
        let entity = found.get(index);
        if (!entity) {
          entity = { type: SearchableType.RESPONSIBILITY, rowId: duty.rowId, slug: duty.slug, confidence: 0, mentions: [] };
          found.set(index, entity);
        }
        entity.confidence = Math.max(entity.confidence, confidence);
        entity.mentions.push({ start, end, text: text.slice(start, end), matched: duty.name, viaAlias: false, confidence });
      }
    }
    return [...found.values()].filter((e) => e.confidence >= minConfidence);
  }

  /** The word id of a token key, -1 for none; remembered across calls (bounded like the name matcher's keys). */
  private idOf(key: string): number {
    let id = this.idMemo.get(key);
    if (id === undefined) {
      if (this.idMemo.size > ID_MEMO_LIMIT) this.idMemo.clear();
      id = this.wordId(key, false);
      this.idMemo.set(key, id);
    }
    return id;
  }

  /** The id of a content word's stem; -1 for filler (and, unless `add`, for a stem no responsibility uses). */
  private wordId(key: string, add: boolean): number {
    if (!key || DUTY_FILLER.has(key)) return -1;
    const stemmed = dutyStem(key);
    let id = this.wordIds.get(stemmed);
    if (id === undefined) {
      if (!add) return -1;
      id = this.wordIds.size;
      this.wordIds.set(stemmed, id);
    }
    return id;
  }
}

const ID_MEMO_LIMIT = 100_000;

/** A word of a responsibility's text (the name matcher's tokenizer is not needed: no `C#` or `.NET` in a duty). */
const DUTY_WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/**
 * What ends a passage between two words: a line break, a bullet, or sentence punctuation followed
 * by a space (not the `.` of `Node.js`) always; a comma followed by a space once the passage
 * holds CLAUSE_MIN_WORDS words (`I supervise the cooks, check the food, order supplies` is three
 * duties; `Design, build and maintain APIs` is one).
 */
function breakBetween(text: string, from: number, to: number): 'hard' | 'clause' | null {
  let clause = false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || BULLETS.has(c)) return 'hard';
    const spaced = k + 1 < to && /\s/.test(text[k + 1]);
    if (STOPS.has(c) && spaced) return 'hard';
    if (c === COMMA && spaced) clause = true;
  }
  return clause ? 'clause' : null;
}

const BULLETS = new Set([...'•·▪●◦'].map((c) => c.charCodeAt(0)));
const STOPS = new Set([...'.!?;:'].map((c) => c.charCodeAt(0)));
const COMMA = 44;

/** The passages of a tokenized text as [from, to) token ranges: sentences, lines, bullets and clauses, cut at PASSAGE_MAX_WORDS. */
function* passages(text: string, tokens: readonly Token[]): Generator<[number, number]> {
  let from = 0;
  for (let i = 1; i <= tokens.length; i++) {
    const kind = i === tokens.length || i - from >= PASSAGE_MAX_WORDS ? 'hard' : breakBetween(text, tokens[i - 1].end, tokens[i].start);
    if (kind === 'hard' || (kind === 'clause' && i - from >= CLAUSE_MIN_WORDS)) {
      yield [from, i];
      from = i;
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
