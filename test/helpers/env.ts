/*
 * The suite measures SQL per request, and the response cache would answer a repeated query with
 * none, so servers start without it unless a test turns it on (test/response-cache.test.ts).
 */
process.env.RESPONSE_CACHE_BYTES ??= '0';
