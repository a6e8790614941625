import cluster, { type Worker } from 'node:cluster';

/*
 * The cluster primary's side: it forks the workers, which share its listening socket (node:cluster
 * accepts connections in the primary and hands them to the workers in turn), restarts a worker that
 * dies, and stops them all on request.
 *
 * A worker that keeps dying right after it starts (a bad database file, a port it may not use) must
 * not make the primary fork in a tight loop, so each quick death doubles the wait before the next
 * fork, up to a ceiling; a worker that stayed up for a while resets the wait. A worker that dies
 * before every worker has started once is a start-up failure, not a crash: the primary gives up
 * then, as a single process would, rather than retrying a configuration that cannot work.
 */

export interface SupervisorOptions {
  /** How many workers to keep running. */
  workers: number;
  log: (line: string) => void;
  /** A worker that dies sooner than this after its fork counts as a quick death. */
  steadyMs?: number;
  /** The wait before the first restart after a quick death, doubled by each further one… */
  firstBackoffMs?: number;
  /** …up to this. */
  maxBackoffMs?: number;
  /** How long `stop` waits for a worker to finish its in-flight requests before killing it. */
  stopTimeoutMs?: number;
}

export class Supervisor {
  private readonly forkedAt = new Map<Worker, number>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private quickDeaths = 0;
  private stopping = false;
  private readonly steadyMs: number;
  private readonly firstBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly stopTimeoutMs: number;

  constructor(private readonly options: SupervisorOptions) {
    this.steadyMs = options.steadyMs ?? 10_000;
    this.firstBackoffMs = options.firstBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  }

  /** Forks every worker and resolves once each is listening; rejects if one dies first. */
  start(): Promise<{ port: number; pids: number[] }> {
    return new Promise((resolve, reject) => {
      let listening = 0;
      let port = 0;
      const onListening = (_worker: Worker, address: { port: number }) => {
        port = address.port;
        if (++listening < this.options.workers) return;
        cluster.off('listening', onListening);
        cluster.off('exit', onEarlyExit);
        cluster.on('exit', (worker, code, signal) => this.restart(worker, code, signal));
        resolve({ port, pids: [...this.forkedAt.keys()].map((w) => w.process.pid!) });
      };
      const onEarlyExit = (worker: Worker, code: number | null, signal: string | null) => {
        cluster.off('listening', onListening);
        cluster.off('exit', onEarlyExit);
        this.forkedAt.delete(worker);
        void this.stop().then(() => reject(new Error(`worker ${worker.id} ${describeExit(code, signal)} before it was serving`)));
      };
      cluster.on('listening', onListening);
      cluster.on('exit', onEarlyExit);
      for (let i = 0; i < this.options.workers; i++) this.fork();
    });
  }

  /** Sends every worker SIGTERM (each finishes its in-flight requests) and waits for all to exit. */
  async stop(): Promise<{ clean: boolean }> {
    this.stopping = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    const exits = [...this.forkedAt.keys()].map((worker) => this.stopWorker(worker));
    const codes = await Promise.all(exits);
    return { clean: codes.every((code) => code === 0) };
  }

  private fork(): void {
    const worker = cluster.fork();
    this.forkedAt.set(worker, Date.now());
  }

  private restart(worker: Worker, code: number | null, signal: string | null): void {
    const forkedAt = this.forkedAt.get(worker);
    this.forkedAt.delete(worker);
    if (this.stopping || forkedAt === undefined) return;
    this.quickDeaths = Date.now() - forkedAt < this.steadyMs ? this.quickDeaths + 1 : 0;
    const delay = restartDelay(this.quickDeaths, this.firstBackoffMs, this.maxBackoffMs);
    this.options.log(
      `Worker ${worker.id} (pid ${worker.process.pid}) ${describeExit(code, signal)}; starting another${delay ? ` in ${delay} ms` : ''}.`,
    );
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.stopping) this.fork();
    }, delay);
    this.restarts.add(timer);
  }

  private stopWorker(worker: Worker): Promise<number | null> {
    return new Promise((resolve) => {
      if (worker.isDead()) return resolve(worker.process.exitCode);
      const kill = setTimeout(() => worker.process.kill('SIGKILL'), this.stopTimeoutMs);
      worker.once('exit', (code: number | null) => {
        clearTimeout(kill);
        this.forkedAt.delete(worker);
        resolve(code);
      });
      worker.process.kill('SIGTERM');
    });
  }
}

/**
 * The wait before forking a replacement when `quickDeaths` workers in a row died soon after their
 * fork: none after a worker that had been up for a while, then `firstMs`, doubling up to `maxMs`.
 */
export function restartDelay(quickDeaths: number, firstMs: number, maxMs: number): number {
  return quickDeaths === 0 ? 0 : Math.min(maxMs, firstMs * 2 ** (quickDeaths - 1));
}

function describeExit(code: number | null, signal: string | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}
