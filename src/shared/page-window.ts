import { UserInputError } from './errors';
import { decodeCursor } from './cursor';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The pagination arguments every connection takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A validated page request in positions: items with after < position < before, then the first
 * `first` or the last `last` of those.
 */
export interface PageWindow {
  after: number;
  before: number | null;
  first: number | null;
  last: number | null;
}

/**
 * The window of validated arguments. `first` and `last` are range-checked once, by
 * `ConnectionArgs`' class-validator rules, before any resolver runs.
 */
export function toPageWindow(args: PageArgs): PageWindow {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) {
    throw new UserInputError('Pass either `first` or `last`, not both: `first` pages forward, `last` pages backward.', 'last');
  }
  const after = args.after ? decodeCursor(args.after, 'after') : 0;
  const before = args.before ? decodeCursor(args.before, 'before') : null;
  if (before !== null && before <= after + 1 && args.after) {
    throw new UserInputError('`before` must come after `after`: together they leave no items to return.', 'before');
  }
  return { after, before, first: first ?? (last === null ? DEFAULT_PAGE_SIZE : null), last };
}

/** A stable string for a window, used to key per-arguments loaders. */
export function windowKey(window: PageWindow): string {
  return `${window.after}:${window.before ?? ''}:${window.first ?? ''}:${window.last ?? ''}`;
}
