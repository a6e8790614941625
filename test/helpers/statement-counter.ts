import type { Logger } from 'typeorm';

/**
 * A TypeORM logger that records every SQL statement, so tests can assert how many statements a
 * request ran (the N+1 proof) and what they were.
 */
export class StatementCounter implements Logger {
  readonly statements: string[] = [];
  private readonly parameters: unknown[][] = [];
  private recording = false;

  /** Records the statements run by `action` and returns them. */
  async during(action: () => Promise<unknown>): Promise<string[]> {
    return (await this.withParameters(action)).map((s) => s.text);
  }

  /** Records the statements run by `action` with the values bound to them (to EXPLAIN them as they ran). */
  async withParameters(action: () => Promise<unknown>): Promise<{ text: string; parameters: unknown[] }[]> {
    this.statements.length = 0;
    this.parameters.length = 0;
    this.recording = true;
    try {
      await action();
    } finally {
      this.recording = false;
    }
    return this.statements.map((text, i) => ({ text, parameters: this.parameters[i] }));
  }

  logQuery(query: string, parameters: unknown[] = []): void {
    if (!this.recording) return;
    this.statements.push(query);
    this.parameters.push(parameters);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
