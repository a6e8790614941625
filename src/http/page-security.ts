import { createHash } from 'node:crypto';

/**
 * Security headers for the HTML pages the server sends (the playground, the explorer). The
 * playground inlines all of GraphiQL, so its Content-Security-Policy allows exactly the inline
 * scripts it carries, by their SHA-256 hashes; a page that loads script files (the explorer) may
 * load them from this origin ('self'), and only then. Nothing runs from any other origin: an
 * injected script, or one from another host, does not run. Styles may be inline (GraphiQL's editor adds style elements as it runs);
 * fonts and images may be data: URLs; the editor's language workers start from blob: URLs;
 * requests go only to this origin (the GraphQL endpoint). `frame-ancestors 'none'` keeps other
 * sites from framing the page.
 */
export function pageHeaders(html: string): Record<string, string> {
  return {
    'content-security-policy': policyFor(html),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** The last page and its policy: the playground is the same text on every visit, and hashing 9 MB takes a while. */
let last: { html: string; policy: string } | undefined;

function policyFor(html: string): string {
  if (last?.html === html) return last.policy;
  const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
  const sources = /<script[^>]*\ssrc=/i.test(html) ? ["'self'", ...hashes] : hashes;
  const policy = [
    "default-src 'none'",
    `script-src ${sources.join(' ') || "'none'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  last = { html, policy };
  return policy;
}
