import type { IncomingMessage, ServerResponse } from 'node:http';

/** Response headers a browser script on another origin may read. */
const EXPOSED = 'x-request-id, x-cache, x-worker, etag';

/**
 * Cross-origin reads by browsers. With `*` (the default) any origin may read the public API,
 * as Apollo's standalone server allows; with a list, only those origins get the
 * `Access-Control-Allow-Origin` header, so a browser keeps other sites' scripts from reading
 * answers. Credentials (cookies) are never allowed: the API authenticates with a Bearer key in
 * the `Authorization` header, which a preflight may ask for like any other header.
 *
 * Returns true when the request was a preflight and has been answered.
 */
export function applyCors(origins: '*' | readonly string[], req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origins === '*') res.setHeader('access-control-allow-origin', '*');
  else {
    res.setHeader('vary', 'Origin');
    if (origin && origins.includes(origin)) res.setHeader('access-control-allow-origin', origin);
  }
  res.setHeader('access-control-expose-headers', EXPOSED);
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  const asked = req.headers['access-control-request-headers'];
  if (asked) res.setHeader('access-control-allow-headers', asked);
  res.setHeader('access-control-max-age', '600');
  res.appendHeader('vary', 'Access-Control-Request-Headers');
  res.statusCode = 204;
  res.setHeader('content-length', '0');
  res.end();
  return true;
}
