import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../../src/shared/project-root';

/** One answer over HTTP, with the headers that say who answered and whether from the cache. */
export interface Answer {
  status: number;
  worker: string | undefined;
  cache: string | undefined;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** Resolves when `condition` returns a value other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, condition: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** True while a process with this pid exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `node dist/src/main.js`, as `npm start` runs it (built by the jest global setup), with `env`
 * added, on a free port, logging at info. Collects its output lines so tests can wait for what it
 * says: of a JSON log line, its message (`msg`), and the whole object in `logs`.
 */
export class MainProcess {
  readonly lines: string[] = [];
  readonly logs: Record<string, unknown>[] = [];
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    let pending = '';
    const collect = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) this.lines.push(this.message(line));
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(env: Record<string, string>): MainProcess {
    const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'src', 'main.js')], {
      cwd: projectRoot(),
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new MainProcess(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The first output line matching `pattern`, once it has been printed. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray> {
    return waitFor(`a line matching ${pattern} (output so far:\n${this.lines.join('\n')})`, () => this.match(pattern), timeoutMs);
  }

  /** Every output line so far that matches `pattern`. */
  matches(pattern: RegExp): RegExpExecArray[] {
    return this.lines.map((l) => pattern.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  }

  /** Resolves with how the process ended. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exit;
  }

  /** Makes sure the process is gone (for afterAll), killing it if a test left it running. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exit;
  }

  /** The message of a JSON log line (kept in `logs`); any other line as it is. */
  private message(line: string): string {
    if (!line.startsWith('{')) return line;
    try {
      const log = JSON.parse(line) as Record<string, unknown>;
      this.logs.push(log);
      return typeof log.msg === 'string' ? log.msg : line;
    } catch {
      return line;
    }
  }

  private match(pattern: RegExp): RegExpExecArray | undefined {
    for (const l of this.lines) {
      const m = pattern.exec(l);
      if (m) return m;
    }
    return undefined;
  }
}

/** A request sent: when it was all written, and its raw answer (rejected on a reset or hang-up). */
export interface Sent {
  written: Promise<void>;
  answered: Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string; at: number }>;
}

/**
 * POSTs a query on a fresh connection (no keep-alive), so that successive requests may reach
 * different cluster workers: the primary hands each new connection to the next worker.
 */
export function send(url: string, query: string): Sent {
  const body = JSON.stringify({ query });
  let written!: () => void;
  const sent = new Promise<void>((resolve) => (written = resolve));
  const answered: Sent['answered'] = new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() }),
        );
      },
    );
    req.on('error', reject);
    req.on('finish', () => written());
    req.end(body);
  });
  return { written: sent, answered };
}

/** `send`, with the answer's JSON and the headers that say who answered and whether from the cache. */
export async function ask(url: string, query: string): Promise<Answer> {
  const answer = await send(url, query).answered;
  const header = (name: string) => (answer.headers[name] as string | undefined) ?? undefined;
  return {
    status: answer.status,
    worker: header('x-worker'),
    cache: header('x-cache'),
    body: JSON.parse(answer.body) as Answer['body'],
  };
}

/** A query POSTed with fetch, with an API key if given: its status, its JSON and whether the response cache answered it. */
export async function postQuery(
  url: string,
  query: string,
  key?: string,
): Promise<{
  status: number;
  cache: string | null;
  body: Answer['body'] & { extensions?: { cost?: { requested: number; remaining?: number } } };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, cache: response.headers.get('x-cache'), body: (await response.json()) as Answer['body'] };
}
