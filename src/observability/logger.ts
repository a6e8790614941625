import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';
import { currentRequest } from './request-record';

export type { Logger } from 'pino';

/**
 * The process's logger: one JSON object per line on stdout, at `LOG_LEVEL` and above. A line
 * written while a request runs carries that request's id (`reqId`). Nothing here ever logs a
 * header or the variables of a query: callers pass only the fields they mean to show.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const request = currentRequest();
      return request ? { reqId: request.id } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
