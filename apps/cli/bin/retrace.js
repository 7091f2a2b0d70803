#!/usr/bin/env node
// Launcher of the operator CLI (`npx retrace …`, `npm run retrace -- …`). Runs the compiled CLI
// from dist/cli-build, compiling apps/cli first when that build is missing or older than a source.
// The build goes to a private folder and is then renamed into place, so two first runs at once
// cannot leave half a build. Compiler output goes to stderr: stdout stays the command's (--json).
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, renameSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'apps', 'cli', 'src');
const OUT = join(ROOT, 'dist', 'cli-build');
const MAIN = join('apps', 'cli', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(join(OUT, MAIN))) return true;
  // Outside a checkout with sources (a copied build), run what is there.
  return existsSync(SRC) && newestSource(SRC) > statSync(join(OUT, MAIN)).mtimeMs;
}

if (stale()) {
  const tmp = `${OUT}-${process.pid}`;
  try {
    process.stderr.write('retrace: compiling the CLI (apps/cli) …\n');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'apps', 'cli', 'tsconfig.build.json'), '--outDir', tmp], {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
    });
    rmSync(OUT, { recursive: true, force: true });
    renameSync(tmp, OUT);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(OUT, MAIN))) {
      process.stderr.write(`retrace: could not compile the CLI: ${error.message}\n`);
      process.exit(70);
    }
  }
}
require(join(OUT, MAIN));
