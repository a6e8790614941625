import type { Server } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestRecord } from './request-record';

/** The content type of `GET /metrics`: Prometheus text exposition format. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Most distinct operation names a server labels its metrics with; later ones count as `other`. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The server's Prometheus metrics (`GET /metrics`), in a registry of its own so that two servers
 * in one process (the tests) do not share counts. Each request is counted once its answer is
 * sent, from its RequestRecord: requests and latency by operation name, errors by their
 * `extensions.code`, response-cache hits and misses, the priced cost of each operation, and its
 * database time and statement count; plus
 * prom-client's process metrics (memory, CPU, handles, garbage collection) and event-loop lag.
 *
 * Operation names come from clients, so a label holds a name only when it looks like a GraphQL
 * name, and only for the first MAX_OPERATION_NAMES names seen: a client cannot grow the output
 * without bound.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();
  private readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name, operation type and HTTP status.',
    labelNames: ['operation', 'type', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending the last byte of its answer, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL answers, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly cache = new Counter({
    name: 'graphql_response_cache_total',
    help: 'Queries the response cache answered (hit) or passed on (miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly cost = new Histogram({
    name: 'graphql_query_cost',
    help: 'The priced cost of each operation (src/limits/prices.ts), by operation name.',
    labelNames: ['operation'] as const,
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 50000],
    registers: [this.registry],
  });

  private readonly dbSeconds = new Histogram({
    name: 'graphql_request_db_seconds',
    help: "The summed time of each request's SQL statements, from issue to rows (they can overlap, and include waiting for a connection), by operation name.",
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly dbStatements = new Histogram({
    name: 'graphql_request_db_statements',
    help: 'The SQL statements each request ran, by operation name (0 for an answer from the response cache).',
    labelNames: ['operation'] as const,
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Reports the connections `server` holds open (`http_connections_open`), read at each scrape. */
  countConnections(server: Server): void {
    new Gauge({
      name: 'http_connections_open',
      help: 'TCP connections the HTTP server has accepted and not yet closed.',
      registers: [this.registry],
      async collect() {
        this.set(await new Promise<number>((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count))));
      },
    });
  }

  /** Counts one answered GraphQL request. */
  observe(record: RequestRecord, status: number, seconds: number): void {
    const operation = this.operationLabel(record.operationName);
    this.requests.inc({ operation, type: record.operationType ?? 'none', status: String(status) });
    this.duration.observe({ operation }, seconds);
    for (const code of record.errorCodes) this.errors.inc({ code });
    if (record.cache) this.cache.inc({ result: record.cache === 'HIT' ? 'hit' : 'miss' });
    if (record.cost !== undefined) this.cost.observe({ operation }, record.cost);
    this.dbSeconds.observe({ operation }, record.db.seconds);
    this.dbStatements.observe({ operation }, record.db.statements);
  }

  /** The metrics as Prometheus text. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private operationLabel(name: string | undefined): string {
    if (name === undefined) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_NAMES) return 'other';
    this.names.add(name);
    return name;
  }
}
