import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/**
 * Compiles the orchestrator and the libraries it uses — nothing else (test/chaos/tsconfig.orchestrator.json),
 * so the fault suite does not depend on the other apps compiling — into a folder of its own under
 * `.retrace/`, the layout test/support/orchestrator-process.ts's build has. `remove()` deletes it.
 */
export async function buildOrchestratorOnly(): Promise<{ main: string; remove(): Promise<void> }> {
  const outDir = join(ROOT, '.retrace', `chaos-build-${randomBytes(4).toString('hex')}`);
  const project = join(__dirname, 'tsconfig.orchestrator.json');
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  try {
    await run(bin('tsc'), ['-p', project, '--outDir', outDir], { cwd: ROOT });
    await run(bin('tsc-alias'), ['-p', project, '--outDir', outDir], { cwd: ROOT });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    const { stdout } = error as { stdout?: string };
    throw new Error(`compiling the orchestrator failed:\n${stdout ?? String(error)}`, { cause: error });
  }
  return { main: join(outDir, 'apps', 'orchestrator', 'src', 'main.js'), remove: () => rm(outDir, { recursive: true, force: true }) };
}
