// Imports point downwards (DESIGN.md "Layout"): apps → engine → event-store → domain; sdk → domain.
// Fails listing every import that points the wrong way, and every forwardRef.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const SCANNED = ['apps', 'libs', 'examples', 'test', 'bench'];
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.tsx?$/;

/** Which of our layers each layer may import (besides itself). `*` = any. */
const ALLOWED = {
  'libs/domain': [],
  'libs/event-store': ['libs/domain'],
  'libs/engine': ['libs/event-store', 'libs/domain'],
  'libs/sdk': ['libs/domain'],
  'libs/testing': ['libs/domain', 'libs/event-store', 'libs/engine', 'libs/sdk'],
  'apps/orchestrator': ['libs/domain', 'libs/event-store', 'libs/engine', 'libs/sdk'],
  'apps/cli': ['libs/domain', 'libs/sdk'],
  'apps/console': ['libs/domain', 'libs/sdk'],
  examples: ['libs/domain', 'libs/sdk'],
  test: '*',
  bench: '*',
};
/** Third-party packages a layer must not touch: the domain stays pure (STYLE.md habit 2). */
const FORBIDDEN_PACKAGES = {
  'libs/domain': /^(@nestjs\/|typeorm$|bullmq$|ioredis$|pg$|express$|rxjs)/,
};

function layerOf(file) {
  const parts = relative(ROOT, file).split(sep);
  if (parts[0] === 'apps' || parts[0] === 'libs') return parts.length > 2 ? `${parts[0]}/${parts[1]}` : undefined;
  return SCANNED.includes(parts[0]) ? parts[0] : undefined;
}

function* tsFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') yield* tsFiles(path);
    else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

function targetLayer(specifier, file) {
  const alias = /^@retrace\/([^/]+)/.exec(specifier);
  if (alias) return `libs/${alias[1]}`;
  if (specifier.startsWith('.')) return layerOf(resolve(dirname(file), specifier));
  return undefined;
}

const problems = [];
for (const top of SCANNED) {
  for (const file of tsFiles(join(ROOT, top))) {
    const from = layerOf(file);
    if (!from) continue;
    const source = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    const isTest = TEST_FILE.test(file) || from === 'test';
    if (/\bforwardRef\s*\(/.test(source)) problems.push(`${where}: uses forwardRef; break the cycle instead (STYLE.md habit 6)`);
    for (const { fileName: specifier } of ts.preProcessFile(source, true, true).importedFiles) {
      const forbidden = FORBIDDEN_PACKAGES[from];
      if (forbidden?.test(specifier)) problems.push(`${where}: ${from} must stay pure but imports "${specifier}"`);
      const to = targetLayer(specifier, file);
      if (!to || to === from) continue;
      if (to === 'libs/testing' && isTest) continue;
      // An example's end-to-end test boots the orchestrator the way test/ does.
      if (to === 'test' && from === 'examples' && isTest) continue;
      if (to === 'libs/testing') {
        problems.push(`${where}: production code imports "${specifier}"; libs/testing is for tests only`);
        continue;
      }
      const allowed = ALLOWED[from];
      if (allowed !== '*' && !allowed.includes(to)) {
        problems.push(`${where}: ${from} may not import ${to} ("${specifier}"); allowed: ${allowed.length ? allowed.join(', ') : 'nothing of ours'}`);
      } else if (specifier.startsWith('.') && to.startsWith('libs/')) {
        problems.push(`${where}: reaches into ${to} by relative path ("${specifier}"); import "@retrace/${to.slice(5)}"`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`check:layers found ${problems.length} import(s) pointing the wrong way:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('check:layers: imports point downwards, no forwardRef');
