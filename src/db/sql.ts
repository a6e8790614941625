/**
 * SQL fragments that can only be built from source text, registry identifiers and bound
 * parameters.
 *
 * `Sql` is branded: the one way to make one is the `sql` tag (whose literal parts are the source
 * code's own template strings) or the helpers below. An interpolated value that is not itself an
 * `Sql` becomes a bound `?` parameter, never text. Identifiers enter through `ident`, which takes
 * only string literals written in source code (a `string` computed at run time does not type-check)
 * and checks their shape again at run time. So client text can reach a statement only as a
 * parameter, and that is a property of the types rather than a habit.
 */
import { postgresQuery, usesPostgres } from './postgres';
import { preparedRows } from './prepared';
import { timedStatement } from '../observability/request-record';

declare const brand: unique symbol;

export interface Sql {
  readonly [brand]: 'Sql';
  /** The statement text for SQLite, with a `?` per parameter. */
  readonly text: string;
  readonly params: readonly unknown[];
  /**
   * Only on a fragment that holds dialect-specific SQL (src/db/dialect.ts): how it was built, so
   * that it can be built again for PostgreSQL (`rebuildSql`). SQLite runs `text` as it is.
   */
  readonly rebuild?: Rebuild;
}

/** How a fragment holding dialect-specific SQL was built: from a template, a join, or a dialect call. */
export type Rebuild =
  | { readonly kind: 'template'; readonly strings: TemplateStringsArray; readonly values: readonly (Sql | SqlValue)[] }
  | { readonly kind: 'join'; readonly parts: readonly Sql[]; readonly separator: Sql }
  | { readonly kind: 'dialect'; readonly name: string; readonly args: readonly unknown[] };

/** A value bound as a parameter. */
export type SqlValue = string | number | boolean | null | bigint | Buffer;

const make = (text: string, params: readonly unknown[], rebuild?: Rebuild): Sql =>
  (rebuild ? { text, params, rebuild } : { text, params }) as unknown as Sql;

function isSql(value: unknown): value is Sql {
  return typeof value === 'object' && value !== null && 'text' in value && 'params' in value && !Buffer.isBuffer(value);
}

/** The tag: literal parts are statement text, `Sql` values are spliced in, anything else is bound. */
export function sql(strings: TemplateStringsArray, ...values: readonly (Sql | SqlValue)[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  let portable = false;
  values.forEach((value, i) => {
    if (isSql(value)) {
      text += value.text;
      params.push(...value.params);
      if (value.rebuild) portable = true;
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return make(text, params, portable ? { kind: 'template', strings, values } : undefined);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A literal string type: `'skill'` passes, a run-time `string` does not. */
export type Literal<N extends string> = string extends N ? never : N;

/** A quoted identifier (table, column or alias) from a string literal in source code. */
export function ident<N extends string>(name: Literal<N>): Sql {
  return quoted(name);
}

/**
 * Quotes an identifier that the model registry holds. Only the registry (src/model) calls this: its
 * names are literals there, checked by `ident`'s pattern when the registry loads.
 */
export function registryIdent(name: string): Sql {
  return quoted(name);
}

function quoted(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`Not an SQL identifier: ${JSON.stringify(name)}`);
  return make(`"${name}"`, []);
}

/** `alias."column"`, both from literals or the registry. */
export function column(alias: Sql, name: Sql): Sql {
  return make(`${alias.text}.${name.text}`, []);
}

/** A validated integer written into the text (window bounds, limits): never client text. */
export function int(value: number): Sql {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return make(String(value), []);
}

/** A decimal constant as text (`1.0`, `0.5`): SQLite reads it as REAL. */
export function decimal(value: number): Sql {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return make(Number.isInteger(value) ? value.toFixed(1) : String(value), []);
}

/** A decimal constant from source code (weights), of the engine's 8-byte float type (`Dialect.real`). */
export function real(value: number): Sql {
  return dialectCall(decimal(value), 'real', [value]);
}

/** The empty fragment. */
export const empty: Sql = make('', []);

/** Joins fragments with a separator fragment (`, ` by default). */
export function join(parts: readonly Sql[], separator: Sql = sql`, `): Sql {
  if (parts.length === 0) return empty;
  return make(
    parts.map((p) => p.text).join(separator.text),
    parts.flatMap((p, i) => (i === 0 ? [...p.params] : [...separator.params, ...p.params])),
    separator.rebuild || parts.some((p) => p.rebuild) ? { kind: 'join', parts, separator } : undefined,
  );
}

/** Joins conditions with AND, each in parentheses; an empty list is always true. */
export function and(parts: readonly Sql[]): Sql {
  if (parts.length === 0) return sql`1 = 1`;
  return join(
    parts.map((p) => sql`(${p})`),
    sql` AND `,
  );
}

/** `?, ?, ?` bound to the values, for an IN list. */
export function list(values: readonly SqlValue[]): Sql {
  return make(values.map(() => '?').join(', '), [...values]);
}

/** Escapes LIKE wildcards so user text matches literally (used with `ESCAPE '\'`). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A stable key for a fragment, to key per-arguments loaders. */
export function sqlKey(fragment: Sql): string {
  return `${fragment.text}${JSON.stringify(fragment.params)}`;
}

/** Whatever runs statements: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Marks the SQLite rendering of a dialect call (`fragment`) with the call itself, so that the
 * fragment, and every fragment built from it, can be built again for another dialect. Only
 * src/db/dialect.ts calls this.
 */
export function dialectCall(fragment: Sql, name: string, args: readonly unknown[]): Sql {
  return make(fragment.text, fragment.params, { kind: 'dialect', name, args });
}

/** The dialect functions by name, as `rebuildSql` calls them. */
export type DialectFunctions = Readonly<Record<string, (...args: never[]) => Sql>>;

/**
 * The same statement built for another dialect: each dialect call in it is made again with that
 * dialect's function, and everything around it built again from its template. A fragment without
 * dialect calls is the same text in every dialect and is returned as it is.
 */
export function rebuildSql(fragment: Sql, dialect: DialectFunctions): Sql {
  const { rebuild } = fragment;
  if (!rebuild) return fragment;
  switch (rebuild.kind) {
    case 'template':
      return sql(rebuild.strings, ...rebuild.values.map((v) => (isSql(v) ? rebuildSql(v, dialect) : v)));
    case 'join':
      return join(
        rebuild.parts.map((p) => rebuildSql(p, dialect)),
        rebuildSql(rebuild.separator, dialect),
      );
    case 'dialect':
      return (dialect[rebuild.name] as (...args: unknown[]) => Sql)(...rebuild.args.map((a) => rebuildArg(a, dialect)));
  }
}

function rebuildArg(arg: unknown, dialect: DialectFunctions): unknown {
  if (isSql(arg)) return rebuildSql(arg, dialect);
  if (Array.isArray(arg)) return arg.map((a: unknown) => rebuildArg(a, dialect));
  return arg;
}

/** Runs a statement and returns its rows, typed by the caller's store (a read of a DataSource through its prepared statements). */
export function rows<R = Record<string, unknown>>(db: Queryable, statement: Sql): Promise<R[]> {
  return timedStatement(async () => {
    const params = [...statement.params];
    const prepared = preparedRows(db, statement.text, params);
    if (prepared) return (await prepared) as R[];
    return (await (usesPostgres(db) ? postgresQuery(db, statement) : db.query(statement.text, params))) as R[];
  });
}

/** Runs a statement for its effect. */
export function execute(db: Queryable, statement: Sql): Promise<void> {
  return timedStatement(async () => {
    if (usesPostgres(db)) await postgresQuery(db, statement);
    else await db.query(statement.text, [...statement.params]);
  });
}

/** A string constant from source code (an enum value) written into the text as a quoted literal. */
export function literal<N extends string>(value: Literal<N>): Sql {
  if (!/^[A-Za-z0-9_ .:-]*$/.test(value)) throw new Error(`Not a plain SQL literal: ${JSON.stringify(value)}`);
  return make(`'${value}'`, []);
}
