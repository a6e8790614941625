/*
 * The suite measures SQL per request, and the response cache would answer a repeated query with
 * none, so servers start without it unless a test turns it on (test/response-cache.test.ts).
 */
process.env.RESPONSE_CACHE_BYTES ??= '0';

/*
 * Most suites read whole seed tables several levels deep, to compare them with the seed files or
 * to count statements on levels of a thousand parents: far more than a client may ask for. Their
 * servers start with the cost and alias limits raised. The suites that hold the shipped limits to
 * account (test/cost-limits.test.ts, test/examples.test.ts) start theirs with `SHIPPED_LIMITS`
 * (test/helpers/limits.ts).
 */
process.env.MAX_QUERY_COST ??= String(Number.MAX_SAFE_INTEGER);
process.env.MAX_QUERY_ALIASES ??= '1000';

/*
 * Suites send hundreds of queries a minute from one address, far past a client's budget, and most
 * raise the cost limit; the rate limits are off unless a test sets them (test/rate-limits.test.ts).
 */
process.env.RATE_LIMIT_PER_MINUTE ??= '0';
process.env.ANONYMOUS_RATE_LIMIT_PER_MINUTE ??= '0';

/*
 * Servers log one JSON line per request; the suite's output stays readable with none. A test
 * that reads log lines sets its own level (test/observability.test.ts), and processes spawned
 * by test/helpers/main-process.ts log at info, since tests wait for what they say.
 */
process.env.LOG_LEVEL ??= 'silent';

/*
 * Servers re-read the data version on a timer (for the response cache and the ETags of GET
 * answers), and a poll landing inside a counted request would add a statement to it; suites
 * that need the poll set it (test/response-cache.test.ts, test/cluster.test.ts).
 */
process.env.RESPONSE_CACHE_POLL_MS ??= '0';
