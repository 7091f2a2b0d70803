// `tsc` never deletes outputs of removed sources; a stale dist/ file could still be required at runtime.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

rmSync(resolve(import.meta.dirname, '..', 'dist'), { recursive: true, force: true });
