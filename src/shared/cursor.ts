import { UserInputError } from './errors';

/**
 * Cursors are opaque to clients. Inside, a cursor is the 1-based position of an item in its
 * ordered list, which lets one SQL statement page many parents at once with ROW_NUMBER().
 * Positions shift if the data changes between two page requests; the dataset is read-mostly,
 * so we prefer this to keyset cursors that would need one statement per parent.
 */
export function encodeCursor(position: number): string {
  return Buffer.from(`cursor:v1:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^cursor:v1:([1-9][0-9]{0,9})$/.exec(text);
  if (!match) {
    throw new UserInputError(
      `\`${argument}\` is not a valid cursor: "${cursor}". Use a cursor from \`edges.cursor\` or \`pageInfo\` of the same connection.`,
      argument,
    );
  }
  return Number(match[1]);
}
