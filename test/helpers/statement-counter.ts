import type { Logger } from 'typeorm';

/**
 * A TypeORM logger that records every SQL statement, so tests can assert how many statements a
 * request ran (the N+1 proof) and what they were.
 */
export class StatementCounter implements Logger {
  readonly statements: string[] = [];
  private recording = false;

  /** Records the statements run by `action` and returns them. */
  async during(action: () => Promise<unknown>): Promise<string[]> {
    this.statements.length = 0;
    this.recording = true;
    try {
      await action();
    } finally {
      this.recording = false;
    }
    return [...this.statements];
  }

  logQuery(query: string): void {
    if (this.recording) this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
