/*
 * The subset of FTS5's query language that src/search/search.text.ts writes, read back into its
 * parts so that an engine without FTS5 (PostgreSQL, src/db/dialect.ts) can run the same query:
 *
 *   [{name aliases} : (] ("word"* OR "fix") AND ("other") [)]    every group must match
 *   [{name} : (] ^"first words" [)]                               the column starts with the words
 *
 * Words are the index's terms (letters and digits, folded), so they hold no quote, space or
 * operator; anything else is refused rather than guessed at.
 */

/** The index's columns, by position (src/migrations/1763800000000-search-index.ts). */
export const FTS_COLUMNS = ['name', 'aliases', 'body'] as const;
export type FtsColumn = (typeof FTS_COLUMNS)[number];

/** One alternative of a group: a term, matched whole or, with `prefix`, as the start of a term. */
export interface FtsTerm {
  term: string;
  prefix: boolean;
}

export interface FtsQuery {
  /** The columns the query is limited to, or null for all. */
  columns: readonly FtsColumn[] | null;
  /** `^"…"`: the words that must open the column, or null. */
  start: readonly string[] | null;
  /** Every group must match: one of its alternatives. */
  groups: readonly (readonly FtsTerm[])[];
}

const COLUMN_FILTER = /^\{([a-z ]+)\} : \((.*)\)$/s;
const TERM = /^"((?:[^"]|"")*)"(\*?)$/;

function refuse(query: string): never {
  throw new Error(`Not a full-text query this engine can run: ${JSON.stringify(query)}`);
}

function unquote(text: string, query: string): FtsTerm {
  const m = TERM.exec(text.trim());
  if (!m) refuse(query);
  return { term: m[1].replace(/""/g, '"'), prefix: m[2] === '*' };
}

/** The parts of `query`. */
export function parseFtsQuery(query: string): FtsQuery {
  let body = query;
  let columns: FtsColumn[] | null = null;
  const filter = COLUMN_FILTER.exec(query);
  if (filter) {
    columns = filter[1].split(' ').map((c) => {
      if (!(FTS_COLUMNS as readonly string[]).includes(c)) refuse(query);
      return c as FtsColumn;
    });
    body = filter[2];
  }
  if (body.startsWith('^')) return { columns, start: unquote(body.slice(1), query).term.split(' '), groups: [] };
  const groups = body.split(' AND ').map((group) => {
    if (!group.startsWith('(') || !group.endsWith(')')) refuse(query);
    return group
      .slice(1, -1)
      .split(' OR ')
      .map((alternative) => unquote(alternative, query));
  });
  return { columns, start: null, groups };
}

/** Every alternative of every group, in order: FTS5's phrases, which bm25, highlight and snippet count. */
export function ftsPhrases(query: FtsQuery): string[] {
  return query.groups.flatMap((group) => group.map(({ term, prefix }) => (prefix ? `${term}*` : term)));
}
