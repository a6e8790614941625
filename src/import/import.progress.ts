/** Reports how far an import has got: a known number of steps, each with a label. */
export interface ImportProgress {
  start(steps: number): void;
  step(label: string): void;
  finish(): void;
}

/** Reports nothing (tests, library use). */
export const silentProgress: ImportProgress = { start() {}, step() {}, finish() {} };

const WIDTH = 24;

/** A bar redrawn in place with `\r` on every step, for a terminal. */
export class BarProgress implements ImportProgress {
  private steps = 1;
  private done = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(steps: number): void {
    this.steps = Math.max(steps, 1);
    this.done = 0;
    this.draw('Starting');
  }

  step(label: string): void {
    this.done = Math.min(this.done + 1, this.steps);
    this.draw(label);
  }

  finish(): void {
    this.stream.write('\n');
  }

  private draw(label: string): void {
    const filled = Math.round((this.done / this.steps) * WIDTH);
    const counter = `${String(this.done).padStart(String(this.steps).length)}/${this.steps}`;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${counter} ${label}`;
    const columns = this.stream.columns || 80;
    // \x1b[K clears what a longer previous label left on the line.
    this.stream.write(`\r${line.slice(0, columns - 1)}\x1b[K`);
  }
}

/** One plain line per step with the time since the start, for logs and pipes. */
export class LineProgress implements ImportProgress {
  private steps = 1;
  private done = 0;
  private started = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  start(steps: number): void {
    this.steps = Math.max(steps, 1);
    this.done = 0;
    this.started = performance.now();
  }

  step(label: string): void {
    this.done = Math.min(this.done + 1, this.steps);
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.stream.write(`[${String(this.done).padStart(String(this.steps).length)}/${this.steps}] ${seconds.padStart(5)} s  ${label}\n`);
  }

  finish(): void {}
}

/** A bar on a terminal, plain lines anywhere else. */
export function progressFor(stream: NodeJS.WriteStream): ImportProgress {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}
