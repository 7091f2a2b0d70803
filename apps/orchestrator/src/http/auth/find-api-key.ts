import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '../../config/retrace-config';

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Finds the configured key a presented secret belongs to, in time that depends on neither the
 * secret nor which key matches: both sides are hashed (so lengths never differ and never leak), every
 * key is compared with `timingSafeEqual`, and the loop never stops early.
 */
export class ApiKeyRing {
  private readonly entries: ReadonlyArray<{ key: ApiKey; digest: Buffer }>;

  constructor(keys: readonly ApiKey[]) {
    this.entries = keys.map((key) => ({ key, digest: digest(key.key) }));
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  find(presented: string): ApiKey | undefined {
    const candidate = digest(presented);
    let found: ApiKey | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, candidate)) found = entry.key;
    }
    return found;
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}
