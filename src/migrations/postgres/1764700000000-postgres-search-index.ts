import type { MigrationInterface, QueryRunner } from 'typeorm';
// The searchable tables, their prose column and their code in the index: the same as SQLite's.
import { SEARCHED } from '../1763800000000-search-index';

/**
 * The functions that stand in for FTS5's: cutting text into words as its unicode61 tokenizer does
 * (runs of letters and digits, diacritics dropped, lower case, through ICU so that every script
 * folds), keeping the index and its vocabulary in step, and bm25, highlight() and snippet()
 * computed as FTS5 computes them, so a search answers the same on both engines.
 */
const FUNCTIONS = [
  `CREATE FUNCTION "search_words"(t text) RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(w ORDER BY n), '{}')
    FROM regexp_split_to_table(lower(unaccent(COALESCE(t, '')) COLLATE "und-x-icu"), '[^[:alnum:]]+') WITH ORDINALITY AS s(w, n)
    WHERE w <> ''
  $$`,
  // Lexemes with their positions in one column, labelled with the column's weight letter.
  `CREATE FUNCTION "search_vector"(words text[], weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(COALESCE((SELECT string_agg(quote_literal(w) || ':' || n, ' ') FROM unnest(words) WITH ORDINALITY AS s(w, n) WHERE n <= 16383)::tsvector, ''::tsvector), weight)
  $$`,
  // A JSON alias list as one alias per line; anything else as it is.
  `CREATE FUNCTION "search_alias_lines"(aliases text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN aliases ~ '^\\s*\\[' THEN COALESCE((SELECT string_agg(a, E'\\n' ORDER BY n) FROM jsonb_array_elements_text(aliases::jsonb) WITH ORDINALITY AS e(a, n)), '') ELSE COALESCE(aliases, '') END
  $$`,
  // An entity row (as JSON) as the index holds it: key, name, alias lines and prose.
  `CREATE FUNCTION "search_entry"(r jsonb, code bigint, body text, aliased boolean) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT jsonb_build_object('key', (r ->> 'id')::bigint * 8 + code, 'name', COALESCE(r ->> 'name', ''),
      'aliases', CASE WHEN aliased THEN search_alias_lines(r ->> 'aliases') ELSE '' END, 'body', COALESCE(r ->> body, ''))
  $$`,
  // Adds entries to the index in one pass. Writers lock the index rows, then the totals row, then
  // vocabulary rows in term order, so concurrent writers queue at the totals and never deadlock.
  `CREATE FUNCTION "search_index_put"(entries jsonb) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      n bigint; t bigint; docs tsvector[];
    BEGIN
      IF entries IS NULL OR jsonb_array_length(entries) = 0 THEN RETURN; END IF;
      WITH e AS (
        SELECT (x ->> 'key')::bigint AS key, x ->> 'name' AS name, x ->> 'aliases' AS aliases, x ->> 'body' AS body,
          search_words(x ->> 'name') AS nw, search_words(x ->> 'aliases') AS aw, search_words(x ->> 'body') AS bw
        FROM jsonb_array_elements(entries) AS x
      ), added AS (
        INSERT INTO "search_index" ("rowid", "name", "aliases", "body", "name_words", "size", "doc")
        SELECT key, name, aliases, body, array_to_string(nw, ' '), cardinality(nw) + cardinality(aw) + cardinality(bw),
          search_vector(nw, 'A') || search_vector(aw, 'B') || search_vector(bw, 'C')
        FROM e
        RETURNING "size", "doc"
      )
      SELECT COUNT(*), COALESCE(SUM("size"), 0), array_agg("doc") INTO n, t, docs FROM added;
      UPDATE "search_totals" SET "rows" = "rows" + n, "tokens" = "tokens" + t;
      INSERT INTO "search_vocab" AS v ("term", "doc")
      SELECT term, COUNT(*) FROM unnest(docs) AS d, unnest(tsvector_to_array(d)) AS term GROUP BY term ORDER BY term
      ON CONFLICT ("term") DO UPDATE SET "doc" = v."doc" + excluded."doc";
    END
  $$`,
  `CREATE FUNCTION "search_index_drop"(keys bigint[]) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      n bigint; t bigint; docs tsvector[];
    BEGIN
      IF cardinality(keys) = 0 THEN RETURN; END IF;
      WITH gone AS (DELETE FROM "search_index" WHERE "rowid" = ANY (keys) RETURNING "size", "doc")
      SELECT COUNT(*), COALESCE(SUM("size"), 0), array_agg("doc") INTO n, t, docs FROM gone;
      IF n = 0 THEN RETURN; END IF;
      UPDATE "search_totals" SET "rows" = "rows" - n, "tokens" = "tokens" - t;
      WITH counted AS (
        SELECT term, COUNT(*) AS c FROM unnest(docs) AS d, unnest(tsvector_to_array(d)) AS term GROUP BY term
      )
      UPDATE "search_vocab" v SET "doc" = v."doc" - counted.c FROM counted WHERE v."term" = counted.term;
      DELETE FROM "search_vocab" WHERE "doc" <= 0 AND "term" IN (SELECT unnest(tsvector_to_array(d)) FROM unnest(docs) AS d);
    END
  $$`,
  // The statement-level trigger of every searched table (its code, prose column and whether it has
  // aliases are the trigger's arguments): one pass over the statement's rows, so a bulk write
  // indexes thousands of rows at once. An update reindexes only rows whose entry changed.
  `CREATE FUNCTION "search_index_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      code bigint := TG_ARGV[0]::bigint;
      body text := TG_ARGV[1];
      aliased boolean := TG_ARGV[2] = 'aliases';
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM search_index_put((SELECT jsonb_agg(search_entry(to_jsonb(n), code, body, aliased)) FROM new_rows n));
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM search_index_drop(ARRAY(SELECT o."id"::bigint * 8 + code FROM old_rows o));
      ELSE
        PERFORM search_index_drop(ARRAY(
          SELECT (b ->> 'key')::bigint FROM (SELECT search_entry(to_jsonb(o), code, body, aliased) AS b FROM old_rows o) AS before
          WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE search_entry(to_jsonb(n), code, body, aliased) = b)
        ));
        PERFORM search_index_put((
          SELECT jsonb_agg(a) FROM (SELECT search_entry(to_jsonb(n), code, body, aliased) AS a FROM new_rows n) AS after
          WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE search_entry(to_jsonb(o), code, body, aliased) = a)
        ));
      END IF;
      RETURN NULL;
    END
  $$`,
  // A word of the text (as written) matches a phrase: its folded form is the phrase's term, or starts with it for \`term*\`.
  `CREATE FUNCTION "search_word_matches"(word text, phrases text[]) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT EXISTS (
      SELECT 1 FROM unnest(phrases) AS p, lower(unaccent(word) COLLATE "und-x-icu") AS f
      WHERE CASE WHEN right(p, 1) = '*' THEN starts_with(f, left(p, -1)) ELSE f = p END
    )
  $$`,
  // The phrases of a query, one per alternative (\`term\` or \`term*\`), as FTS5 numbers them; the number of rows holding each.
  `CREATE FUNCTION "search_idf"(phrases text[]) RETURNS double precision[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT array_agg(CASE WHEN x > 0 THEN x ELSE 1e-6::double precision END ORDER BY n)
    FROM (
      SELECT n, ln((t."rows"::double precision - h.hits + 0.5::double precision) / (h.hits + 0.5::double precision)) AS x
      FROM unnest(phrases) WITH ORDINALITY AS p(phrase, n), "search_totals" t,
        LATERAL (SELECT COUNT(*)::double precision AS hits FROM "search_index"
          WHERE "doc" @@ (quote_literal(CASE WHEN right(phrase, 1) = '*' THEN left(phrase, -1) ELSE phrase END) || CASE WHEN right(phrase, 1) = '*' THEN ':*' ELSE '' END)::tsquery) h
    ) s
  $$`,
  // FTS5's bm25(): k1 = 1.2, b = 0.75, a phrase's frequency summed over its instances with their column's weight, negated (lower is better).
  `CREATE FUNCTION "search_bm25"(doc tsvector, size integer, phrases text[], idf double precision[], avgdl double precision, weights double precision[])
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT -1.0::double precision * COALESCE(SUM(idf[p] * ((f * (1.2::double precision + 1.0::double precision))
      / (f + 1.2::double precision * (1::double precision - 0.75::double precision + 0.75::double precision * size::double precision / avgdl))) ORDER BY p), 0)
    FROM (
      SELECT p, SUM(CASE w WHEN 'A' THEN weights[1] WHEN 'B' THEN weights[2] ELSE weights[3] END) AS f
      FROM generate_subscripts(phrases, 1) AS p
      JOIN LATERAL unnest(doc) AS d(lexeme, positions, labels)
        ON CASE WHEN right(phrases[p], 1) = '*' THEN starts_with(d.lexeme, left(phrases[p], -1)) ELSE d.lexeme = phrases[p] END
      CROSS JOIN LATERAL unnest(d.labels) AS w
      GROUP BY p
    ) x
  $$`,
  // FTS5's highlight(): the whole text, each matching word wrapped.
  `CREATE FUNCTION "search_highlight"(t text, phrases text[], open text, close text) RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
    DECLARE
      result text := '';
      used integer := 0;
      m text[];
    BEGIN
      FOR m IN SELECT r FROM regexp_matches(COALESCE(t, '') COLLATE "und-x-icu", '([^[:alnum:]]*)([[:alnum:]]+)', 'g') WITH ORDINALITY AS x(r, n) ORDER BY n LOOP
        result := result || m[1] || CASE WHEN search_word_matches(m[2], phrases) THEN open || m[2] || close ELSE m[2] END;
        used := used + length(m[1]) + length(m[2]);
      END LOOP;
      RETURN result || substr(COALESCE(t, ''), used + 1);
    END
  $$`,
  // FTS5's snippet(): the window of \`ntok\` words that holds the most distinct phrases (a sentence start preferred), in the column \`wanted\` (0-based) or the best one (-1).
  `CREATE FUNCTION "search_snippet"(cols text[], wanted integer, phrases text[], open text, close text, ellipsis text, ntok integer)
    RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
    DECLARE
      best_score integer := 0;
      best_col integer := GREATEST(wanted, 0);
      best_start integer := 0;
      c integer; i integer; j integer; k integer; io integer; score integer; adj integer; first_at integer; last_at integer;
      m text[];
      seps text[]; words text[];
      inst_pos integer[]; inst_ph integer[]; firsts integer[];
      seen boolean[];
      used integer; size integer; sep text; trimmed text;
      result text; range_end integer; opened boolean;
    BEGIN
      FOR c IN 0 .. cardinality(cols) - 1 LOOP
        CONTINUE WHEN wanted >= 0 AND wanted <> c;
        words := '{}'; seps := '{}'; inst_pos := '{}'; inst_ph := '{}'; firsts := '{}';
        FOR m IN SELECT r FROM regexp_matches(COALESCE(cols[c + 1], '') COLLATE "und-x-icu", '([^[:alnum:]]*)([[:alnum:]]+)', 'g') WITH ORDINALITY AS x(r, n) ORDER BY n LOOP
          seps := seps || m[1];
          words := words || m[2];
        END LOOP;
        size := cardinality(words);
        FOR i IN 1 .. size LOOP
          FOR k IN 1 .. cardinality(phrases) LOOP
            IF search_word_matches(words[i], phrases[k:k]) THEN
              inst_pos := inst_pos || (i - 1);
              inst_ph := inst_ph || k;
            END IF;
          END LOOP;
          IF i = 1 THEN
            firsts := firsts || 0;
          ELSE
            sep := seps[i];
            trimmed := rtrim(sep, E' \\t\\n\\r');
            IF trimmed <> sep AND right(trimmed, 1) IN ('.', ':') THEN firsts := firsts || (i - 1); END IF;
          END IF;
        END LOOP;
        FOR i IN 1 .. cardinality(inst_pos) LOOP
          io := inst_pos[i];
          -- the window starting at this instance
          FOR pass IN 1 .. 2 LOOP
            IF pass = 2 THEN
              EXIT WHEN cardinality(firsts) = 0 OR size <= ntok;
              j := 1;
              WHILE j < cardinality(firsts) AND firsts[j + 1] <= io LOOP j := j + 1; END LOOP;
              EXIT WHEN firsts[j] >= io;
              adj := firsts[j];
            ELSE
              adj := io;
            END IF;
            score := 0; first_at := -1; last_at := -1; seen := array_fill(false, ARRAY[cardinality(phrases)]);
            FOR k IN 1 .. cardinality(inst_pos) LOOP
              IF inst_pos[k] >= adj AND inst_pos[k] < adj + ntok THEN
                score := score + CASE WHEN seen[inst_ph[k]] THEN 1 ELSE 1000 END;
                seen[inst_ph[k]] := true;
                IF first_at < 0 THEN first_at := inst_pos[k]; END IF;
                last_at := inst_pos[k] + 1;
              END IF;
            END LOOP;
            IF pass = 1 THEN
              adj := first_at - (ntok - (last_at - first_at)) / 2;
              IF adj + ntok > size THEN adj := size - ntok; END IF;
              IF adj < 0 THEN adj := 0; END IF;
            ELSE
              score := score + CASE WHEN adj = 0 THEN 120 ELSE 100 END;
            END IF;
            IF score > best_score THEN best_score := score; best_col := c; best_start := adj; END IF;
          END LOOP;
        END LOOP;
      END LOOP;

      -- The chosen window, its matching words wrapped, cut marks where it does not reach an end.
      words := '{}'; seps := '{}'; used := 0;
      FOR m IN SELECT r FROM regexp_matches(COALESCE(cols[best_col + 1], '') COLLATE "und-x-icu", '([^[:alnum:]]*)([[:alnum:]]+)', 'g') WITH ORDINALITY AS x(r, n) ORDER BY n LOOP
        seps := seps || m[1];
        words := words || m[2];
        used := used + length(m[1]) + length(m[2]);
      END LOOP;
      size := cardinality(words);
      range_end := best_start + ntok - 1;
      result := CASE WHEN best_start > 0 THEN ellipsis ELSE '' END;
      opened := false;
      FOR i IN best_start + 1 .. LEAST(range_end + 1, size) LOOP
        -- The text before the window's first word only when the window starts the column.
        IF i > best_start + 1 OR best_start = 0 THEN result := result || seps[i]; END IF;
        result := result || CASE WHEN search_word_matches(words[i], phrases) THEN open || words[i] || close ELSE words[i] END;
      END LOOP;
      IF range_end >= size - 1 THEN
        result := result || substr(COALESCE(cols[best_col + 1], ''), used + 1);
      ELSE
        result := result || ellipsis;
      END IF;
      RETURN result;
    END
  $$`,
];

/**
 * PostgreSQL's full-text search, standing in for SQLite's FTS5 index (1763800000000-search-index):
 * the same rows (`entity id * 8 + table code`, name, aliases one per line, description), kept by
 * statement-level triggers on the five searched tables, with a tsvector whose weight letters say the column
 * (A name, B aliases, C description), the name's words for "starts with", and each row's word
 * count; a vocabulary of terms with the rows holding each (FTS5's fts5vocab 'row'), for typo
 * corrections; and the totals bm25 needs. Ranking, highlights and snippets are computed by the
 * functions above as FTS5 computes them.
 *
 * `unaccent` is a trusted extension of PostgreSQL's contrib modules (Debian's server package ships
 * it); the ICU collation "und-x-icu" folds case in every script, as FTS5's unicode61 does.
 */
export class PostgresSearchIndex1764700000000 implements MigrationInterface {
  name = 'PostgresSearchIndex1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(
      `CREATE TABLE "search_index" ("rowid" bigint NOT NULL PRIMARY KEY, "name" text NOT NULL, "aliases" text NOT NULL, "body" text NOT NULL, "name_words" text NOT NULL, "size" integer NOT NULL, "doc" tsvector NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "search_index_doc" ON "search_index" USING gin ("doc")`);
    await queryRunner.query(`CREATE INDEX "search_index_name_words" ON "search_index" ("name_words" text_pattern_ops)`);
    await queryRunner.query(`CREATE TABLE "search_vocab" ("term" text NOT NULL PRIMARY KEY, "doc" integer NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "search_totals" ("rows" bigint NOT NULL, "tokens" bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO "search_totals" VALUES (0, 0)`);
    for (const f of FUNCTIONS) await queryRunner.query(f);
    for (const { table, code, body, aliases } of SEARCHED) {
      const args = `'${code}', '${body}', '${aliases ? 'aliases' : ''}'`;
      const trigger = (event: string, referencing: string) =>
        queryRunner.query(
          `CREATE TRIGGER "search_index_${table}_${event}" AFTER ${event.toUpperCase()} ON "${table}" REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION search_index_sync(${args})`,
        );
      await trigger('insert', 'NEW TABLE AS new_rows');
      await trigger('update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows');
      await trigger('delete', 'OLD TABLE AS old_rows');
      await queryRunner.query(
        `SELECT search_index_put((SELECT jsonb_agg(search_entry(to_jsonb(t), ${code}, '${body}', ${aliases}) ORDER BY t."id") FROM "${table}" t))`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of SEARCHED) {
      for (const event of ['insert', 'update', 'delete'])
        await queryRunner.query(`DROP TRIGGER "search_index_${table}_${event}" ON "${table}"`);
    }
    for (const f of FUNCTIONS) {
      const name = /FUNCTION "(\w+)"/.exec(f)![1];
      await queryRunner.query(`DROP FUNCTION "${name}"`);
    }
    await queryRunner.query(`DROP TABLE "search_totals"`);
    await queryRunner.query(`DROP TABLE "search_vocab"`);
    await queryRunner.query(`DROP TABLE "search_index"`);
  }
}
