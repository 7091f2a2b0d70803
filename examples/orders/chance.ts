import { createHash } from 'node:crypto';

/**
 * A number in [0, 1) fixed by `seed` and `key`. The example's card declines and busy warehouses
 * come from it (keyed by the order's number), so the same seed and count give the same outcome,
 * and a test knows the expected split in advance.
 */
export function chance(seed: string, key: string): number {
  const digest = createHash('sha256').update(`${seed}\0${key}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
