import { Agent, request } from 'node:http';

/** What one closed-loop run measured. */
export interface LoadResult {
  requests: number;
  p50: number;
  p99: number;
  /** Completed requests per second of wall time. */
  throughput: number;
}

export interface LoadOptions {
  /** One server, or several: worker i sends to `url[i % n]` (servers side by side behind no balancer). */
  url: string | readonly string[];
  body: string;
  /** Requests in flight: each worker sends its next request when its last answer has arrived. */
  concurrency: number;
  /** Stop after this many requests… */
  maxRequests: number;
  /** …or once this much time has passed, whichever comes first (at least `concurrency` requests). */
  maxSeconds: number;
}

/** POSTs `body` and resolves with the answer's status and bytes, over a keep-alive agent. */
export function post(agent: Agent, url: URL, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/**
 * A small closed-loop load generator (node:http with keep-alive, no dependency): `concurrency`
 * workers each keep one request in flight. Latency is measured per request, from send to last byte.
 */
export async function closedLoop(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const urls = [options.url].flat().map((u) => new URL(u));
  const timings: number[] = [];
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  const worker = async (_: unknown, i: number) => {
    const url = urls[i % urls.length];
    while (sent < options.maxRequests && (sent < options.concurrency || performance.now() < deadline)) {
      sent++;
      const t0 = performance.now();
      const { status } = await post(agent, url, options.body);
      if (status !== 200) throw new Error(`HTTP ${status} from ${url.href}`);
      timings.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  timings.sort((a, b) => a - b);
  return { requests: timings.length, p50: percentile(timings, 50), p99: percentile(timings, 99), throughput: timings.length / elapsed };
}
