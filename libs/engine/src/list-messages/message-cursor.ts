import { InvalidInputError } from '@retrace/domain';

/** Cursors are opaque to callers; inside they hold the acceptance position to continue below. */
export const encodeMessageCursor = (position: number): string =>
  Buffer.from(JSON.stringify({ p: position })).toString('base64url');

export function decodeMessageCursor(cursor: string): number {
  try {
    const { p } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p: unknown };
    if (typeof p === 'number' && Number.isSafeInteger(p) && p > 0) return p;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError([
    { path: 'cursor', message: 'is not a cursor this API issued; pass the nextCursor of the previous page, or omit it' },
  ]);
}
