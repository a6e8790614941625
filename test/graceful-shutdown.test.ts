import { existsSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MainProcess, send } from './helpers/main-process';

const START_TIMEOUT = 90_000;
const CLIENTS = 50;

// Four nested 100-item pages: each answer takes the server a while, and they queue for the cost budget.
const HEAVY = `query Heavy { roles(first: 100) { totalCount nodes { name
  skills(first: 100) { edges { importance node { name
    tools(first: 100) { nodes { name roles(first: 100) { totalCount nodes { name } } } } } } } } } }`;

/** Whether a TCP connection to the port is refused (rather than accepted). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('SIGTERM while requests are in flight', () => {
  const databasePath = join(mkdtempSync(join(tmpdir(), 'atlas-shutdown-')), 'atlas.sqlite');
  let main: MainProcess;
  afterAll(() => main?.kill());

  it(
    `answers every one of ${CLIENTS} accepted requests in full, refuses new connections, closes the database and exits 0`,
    async () => {
      main = MainProcess.start({ DATABASE_PATH: databasePath, WORKERS: '1', READ_CONNECTIONS: '2' });
      const [, url] = await main.line(/serving GraphQL at (\S+) \(open it/, START_TIMEOUT);
      const port = Number(new URL(url).port);

      const sent = Array.from({ length: CLIENTS }, () => send(url, HEAVY));
      await Promise.all(sent.map((s) => s.written));
      // Give the server's event loop a moment to accept every connection the kernel has queued.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signalled = Date.now();
      main.child.kill('SIGTERM');
      await main.line(/^SIGTERM received: finishing in-flight requests/);
      const refusedWhileDraining = await refused(port);

      const answers = await Promise.allSettled(sent.map((s) => s.answered));
      const exit = await main.exited();
      const exitedAfterMs = Date.now() - signalled;

      const failures = answers.filter((a) => a.status === 'rejected').map((a) => String((a as PromiseRejectedResult).reason));
      expect(failures).toEqual([]);
      const complete = answers.map((a) => (a as PromiseFulfilledResult<{ status: number; body: string; at: number }>).value);
      for (const answer of complete) {
        expect(answer.status).toBe(200);
        const json = JSON.parse(answer.body) as { data?: { roles: { totalCount: number } }; errors?: unknown };
        expect(json.errors).toBeUndefined();
        expect(json.data!.roles.totalCount).toBeGreaterThan(0);
      }
      // The test is not vacuous: most answers were still being worked on when the signal came.
      expect(complete.filter((a) => a.at > signalled).length).toBeGreaterThan(CLIENTS / 2);

      expect(refusedWhileDraining).toBe(true);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(exitedAfterMs).toBeLessThan(10_000);
      await main.line(/^Every request has been answered and the database is closed\.$/);
      // SQLite removes the write-ahead log when the last connection closes cleanly.
      expect(existsSync(`${databasePath}-wal`)).toBe(false);
      expect(existsSync(databasePath)).toBe(true);
    },
    START_TIMEOUT + 60_000,
  );
});
