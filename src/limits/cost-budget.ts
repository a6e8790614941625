/**
 * A budget of query cost that the requests executing at one time share: a weighted semaphore
 * whose waiters are served first come, first served. Each request takes its cost (at most the
 * whole budget) before it executes and gives it back when its answer is ready, so a burst of
 * costly requests runs a few at a time and the memory they hold together stays bounded, while
 * cheap requests pass as long as the budget has room. A waiter at the head of the queue is not
 * overtaken, so a costly request is never starved by a stream of cheap ones.
 */
export class CostBudget {
  private available: number;
  private readonly waiting: { amount: number; grant: () => void }[] = [];

  constructor(readonly size: number) {
    this.available = size;
  }

  /** Waits until `cost` (capped at the budget's size) is free, then holds it; resolves to the amount held. */
  async acquire(cost: number): Promise<number> {
    const amount = Math.min(Math.max(cost, 0), this.size);
    if (this.waiting.length === 0 && amount <= this.available) {
      this.available -= amount;
      return amount;
    }
    await new Promise<void>((grant) => this.waiting.push({ amount, grant }));
    return amount;
  }

  /** Gives back what `acquire` resolved to, and lets waiters in, in order, while they fit. */
  release(amount: number): void {
    this.available += amount;
    while (this.waiting.length && this.waiting[0].amount <= this.available) {
      const next = this.waiting.shift()!;
      this.available -= next.amount;
      next.grant();
    }
  }

  /** Requests waiting for room. */
  get queued(): number {
    return this.waiting.length;
  }
}
