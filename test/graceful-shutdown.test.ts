import { existsSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MainProcess, send, waitFor } from './helpers/main-process';

const START_TIMEOUT = 90_000;
const CLIENTS = 50;

// Four nested 100-item pages: each answer takes the server a while, and they queue for the cost budget.
const HEAVY = `query Heavy { roles(first: 100) { totalCount nodes { name
  skills(first: 100) { edges { importance node { name
    tools(first: 100) { nodes { name roles(first: 100) { totalCount nodes { name } } } } } } } } } }`;

/** `http_connections_open` from the server's /metrics (the scrape's own connection included). */
async function openConnections(url: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(/^http_connections_open (\d+)$/m.exec(text)?.[1] ?? 0);
}

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
      const settled = Promise.allSettled(sent.map((s) => s.answered));
      let answeredBefore = 0;
      for (const s of sent)
        void s.answered.then(
          () => answeredBefore++,
          () => undefined,
        );
      await Promise.all(sent.map((s) => s.written));
      // The signal comes once the server has accepted every connection: each is open (the scrape's
      // own is one more) or already answered. The kernel may hold connections a while before a busy
      // process takes them; one it never took is not an accepted request.
      await waitFor(`the server to accept ${CLIENTS} connections`, async () =>
        (await openConnections(url)) - 1 + answeredBefore >= CLIENTS ? true : undefined,
      );
      const signalled = Date.now();
      main.child.kill('SIGTERM');
      await main.line(/^SIGTERM received: finishing in-flight requests/);
      await main.line(/^Stopped accepting connections; answering the open ones\.$/);
      const refusedWhileDraining = await refused(port);

      const answers = await settled;
      const exit = await main.exited();
      const exitedAfterMs = Date.now() - signalled;

      const failures = answers.filter((a) => a.status === 'rejected').map((a) => String((a as PromiseRejectedResult).reason));
      if (failures.length)
        throw new Error(
          `${failures.length} requests failed (${failures[0]}), ${exitedAfterMs} ms to exit; the server said:\n${JSON.stringify(main.logs.filter((l) => l.msg !== 'request'))}`,
        );
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
