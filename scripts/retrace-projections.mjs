#!/usr/bin/env node
// Kept for old command lines: `node scripts/retrace-projections.mjs projections rebuild …` is now
// `npx retrace projections rebuild --reason "…"` (apps/cli). This forwards to the CLI, supplying the
// reason this script used to default to.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
if (!args.some((a) => a === '--reason' || a.startsWith('--reason='))) args.push('--reason', 'rebuild requested from the command line');
const { status, signal } = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'apps', 'cli', 'bin', 'retrace.js'), ...args], { stdio: 'inherit' });
process.exit(status ?? (signal ? 1 : 0));
