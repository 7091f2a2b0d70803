import { join, resolve } from 'node:path';
import { consoleDirOf } from './console-dir';

describe(consoleDirOf.name, () => {
  const repo = resolve(__dirname, '..', '..', '..', '..');

  it('takes RETRACE_CONSOLE_DIR as given, made absolute', () => {
    expect(consoleDirOf('/srv/console')).toBe('/srv/console');
    expect(consoleDirOf('build/console')).toBe(resolve('build/console'));
  });

  it('finds dist/console from the sources (tests) and from the compiled app (npm start)', () => {
    expect(consoleDirOf(undefined)).toBe(join(repo, 'dist', 'console'));
    expect(consoleDirOf(undefined, '/opt/retrace/apps/orchestrator/src/console')).toBe('/opt/retrace/dist/console');
    expect(consoleDirOf(undefined, '/opt/retrace/dist/apps/orchestrator/src/console')).toBe('/opt/retrace/dist/console');
  });
});
