import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../observability/logger';

/** How long a connection accepted before the stop may take to send its first request. */
const FIRST_REQUEST_GRACE_MS = 2_000;
/** After this long, connections still open are cut, so a stuck client cannot hold the process. */
const STOP_GRACE_MS = 10_000;

/**
 * Graceful stop for the listener, as an Apollo plugin (`drainServer` runs first when Apollo
 * stops, while Apollo still executes requests). Every request on a connection the server had
 * accepted is answered; the port stops accepting at once, so new connections are refused.
 *
 * Apollo's own drain plugin, like `server.close()` in Node 19 and later, ends every connection
 * that has no request in progress at that moment. Under load that includes connections whose
 * request the kernel has already received but the busy event loop has not read yet: their
 * clients see "socket hang up" or ECONNRESET. So this one tracks connections from their
 * acceptance: a connection that has not yet sent a request gets FIRST_REQUEST_GRACE_MS to do so;
 * one that is between keep-alive requests is ended; every response during the stop says
 * `Connection: close`, so each connection ends after its answer.
 */
export class Drain {
  private readonly connections = new Map<Socket, { active: number; served: number }>();
  private stopping = false;
  private allClosed?: () => void;

  constructor(
    private readonly server: Server,
    private readonly logger: Logger,
  ) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { active: 0, served: 0 });
      socket.once('close', () => {
        this.connections.delete(socket);
        if (this.connections.size === 0) this.allClosed?.();
      });
    });
    server.on('request', (req, res) => {
      const state = this.connections.get(req.socket);
      if (!state) return;
      state.active += 1;
      if (this.stopping) res.shouldKeepAlive = false;
      res.once('close', () => {
        state.active -= 1;
        state.served += 1;
        if (this.stopping && state.active === 0) req.socket.end();
      });
    });
  }

  /** Stops accepting connections and resolves once every accepted one is answered and closed. */
  async stop(): Promise<void> {
    // Let the event loop take in the connections the kernel has already queued.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    this.stopping = true;
    const closed = new Promise<void>((resolve) => {
      this.allClosed = resolve;
      if (this.connections.size === 0) resolve();
    });
    // net.Server's close stops listening without http.Server's ending of idle connections.
    NetServer.prototype.close.call(this.server);
    const states = [...this.connections.values()];
    this.logger.info(
      {
        connections: states.length,
        answering: states.filter((c) => c.active > 0).length,
        idle: states.filter((c) => c.active === 0 && c.served > 0).length,
        awaitingRequest: states.filter((c) => c.active === 0 && c.served === 0).length,
      },
      'Stopped accepting connections; answering the open ones.',
    );
    for (const [socket, state] of this.connections) {
      if (state.active === 0 && state.served > 0) socket.end();
    }
    const unsent = setTimeout(() => {
      const silent = [...this.connections].filter(([, state]) => state.active === 0);
      if (silent.length) this.logger.warn({ connections: silent.length }, 'Ending connections that sent no request in time.');
      for (const [socket] of silent) socket.end();
    }, FIRST_REQUEST_GRACE_MS);
    const cut = setTimeout(() => {
      this.logger.warn({ connections: this.connections.size }, 'Cutting connections still open after the grace period.');
      for (const socket of this.connections.keys()) socket.destroy();
    }, STOP_GRACE_MS);
    unsent.unref();
    cut.unref();
    await closed;
    clearTimeout(unsent);
    clearTimeout(cut);
  }

  /** The Apollo plugin that drains this server when Apollo stops. */
  plugin(): ApolloServerPlugin {
    return {
      serverWillStart: async () => ({ drainServer: () => this.stop() }),
    };
  }
}
