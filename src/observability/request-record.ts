import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request was and how it went, filled in as it passes through the layers: the
 * listener sets the id, method and path; the observation plugin adds what only Apollo knows (the
 * operation, its cost, whether the response cache answered, the error codes). The log line and
 * the metrics of the request are both written from it, once its answer is sent.
 */
export interface RequestRecord {
  /** From the client's `x-request-id` when it sent a usable one, else minted here; echoed as `x-request-id`. */
  readonly id: string;
  readonly method: string;
  readonly path: string;
  operationName?: string;
  operationType?: string;
  cost?: number;
  cache?: 'HIT' | 'MISS';
  errorCodes: string[];
  /** The SQL statements the request ran (src/db/sql.ts counts them), and their summed time from issue to rows. */
  db: { statements: number; seconds: number };
}

/*
 * The record travels with the request's async context rather than through the GraphQL context, so
 * that every log line written while the request runs (an internal error from formatError, say)
 * carries its id without being handed it.
 */
const current = new AsyncLocalStorage<RequestRecord>();

/** Runs `work` as part of the request `record` describes. */
export function withRequest<T>(record: RequestRecord, work: () => T): T {
  return current.run(record, work);
}

/** The record of the request this code runs for, if it runs for one. */
export function currentRequest(): RequestRecord | undefined {
  return current.getStore();
}

/**
 * Times one SQL statement for the request it runs for, if any: the count and the summed seconds
 * go to the request's log line and to `/metrics`. Statements of one request can overlap (loaders
 * run side by side), so the sum can exceed the request's own duration; on SQLite it includes the
 * time waiting for the connection.
 */
export async function timedStatement<T>(run: () => Promise<T>): Promise<T> {
  const record = current.getStore();
  if (!record) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    record.db.statements++;
    record.db.seconds += (performance.now() - started) / 1000;
  }
}
