import { UserInputError } from './errors';
import { decodeKeyCursor, decodePositionCursor, type KeyShape, type KeyValue } from './cursor';

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
 * A validated page request of a ranked list, in positions: items with after < position < before,
 * then the first `first` or the last `last` of those.
 */
export interface PageWindow {
  after: number;
  before: number | null;
  first: number | null;
  last: number | null;
}

/**
 * A validated page request of a list paged by sort key: rows whose key lies strictly between
 * `after` and `before` (each absent: no bound), then the first `first` or the last `last` of those.
 */
export interface KeyWindow {
  after: KeyValue[] | null;
  before: KeyValue[] | null;
  first: number | null;
  last: number | null;
}

/**
 * `first` and `last`, defaulted. Their ranges are checked once, by `ConnectionArgs`'
 * class-validator rules, before any resolver runs.
 */
function pageSize(args: PageArgs): { first: number | null; last: number | null } {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) {
    throw new UserInputError('Pass either `first` or `last`, not both: `first` pages forward, `last` pages backward.', 'last');
  }
  return { first: first ?? (last === null ? DEFAULT_PAGE_SIZE : null), last };
}

/** The window of a ranked list's validated arguments (position cursors). */
export function toPageWindow(args: PageArgs): PageWindow {
  const after = args.after ? decodePositionCursor(args.after, 'after') : 0;
  const before = args.before ? decodePositionCursor(args.before, 'before') : null;
  if (before !== null && before <= after + 1 && args.after) {
    throw new UserInputError('`before` must come after `after`: together they leave no items to return.', 'before');
  }
  return { after, before, ...pageSize(args) };
}

/**
 * The window of a keyed list's validated arguments, for the order `shape` names. An `after` at or
 * beyond `before` is not refused: the rows between two keys can run out as rows are removed, and
 * the answer is then an empty page.
 */
export function toKeyWindow(args: PageArgs, shape: KeyShape): KeyWindow {
  const after = args.after ? decodeKeyCursor(args.after, 'after', shape) : null;
  const before = args.before ? decodeKeyCursor(args.before, 'before', shape) : null;
  return { after, before, ...pageSize(args) };
}

/** A stable string for a window, used to key per-arguments loaders. */
export function windowKey(window: PageWindow | KeyWindow): string {
  return JSON.stringify([window.after, window.before, window.first, window.last]);
}

/**
 * Whether items lie before and after a page, from positions: the page's first and last item's
 * (absent for an empty page), the list's size, and the window's bounds (items at or before
 * position `after` precede the window, items from `before` on follow it).
 */
export function pageFlags(
  firstPosition: number | undefined,
  lastPosition: number | undefined,
  totalCount: number,
  window: { after: number; before: number | null },
): { hasPreviousPage: boolean; hasNextPage: boolean } {
  const { after, before } = window;
  return {
    hasPreviousPage: firstPosition !== undefined ? firstPosition > 1 : Math.min(after, totalCount) >= 1,
    hasNextPage: lastPosition !== undefined ? lastPosition < totalCount : before !== null && before <= totalCount,
  };
}
