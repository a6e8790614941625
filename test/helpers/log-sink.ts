import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/observability/logger';

/** A logger at info whose JSON lines a test can read: `text` as written, `lines` parsed. */
export class LogSink extends Writable {
  text = '';
  readonly logger: Logger = createLogger({ logLevel: 'info' }, this);

  get lines(): Record<string, any>[] {
    return this.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, any>);
  }

  /** The one line per GraphQL request. */
  requests(): Record<string, any>[] {
    return this.lines.filter((l) => l.msg === 'request');
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}
