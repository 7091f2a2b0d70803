import { distance, FlagReader, parseArgs, type FlagSpecs } from './args';
import { UsageError } from './exit-codes';

const SPECS: FlagSpecs = {
  reason: { type: 'string', description: 'why', placeholder: 'TEXT' },
  limit: { type: 'string', description: 'how many', placeholder: 'N' },
  force: { type: 'boolean', description: 'force' },
  help: { type: 'boolean', description: 'help' },
  file: { type: 'string', description: 'file' },
};
const usage = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('parseArgs', () => {
  it('reads --name value, --name=value, switches and positionals in any order', () => {
    expect(parseArgs(['m-1', '--reason', 'bad deploy', '--force', '--limit=5', 'x'], SPECS)).toEqual({
      flags: { reason: 'bad deploy', force: true, limit: '5' },
      positionals: ['m-1', 'x'],
    });
  });

  it('keeps values that look like numbers or start with a single dash, and everything after --', () => {
    expect(parseArgs(['--limit', '-1', '--', '--force', '-h'], SPECS)).toEqual({ flags: { limit: '-1' }, positionals: ['--force', '-h'] });
    expect(parseArgs(['--reason=a=b'], SPECS).flags.reason).toBe('a=b');
  });

  it('knows -h and -f', () => {
    expect(parseArgs(['-h', '-f', 'saga.json'], SPECS).flags).toEqual({ help: true, file: 'saga.json' });
  });

  it('refuses unknown flags and suggests the nearest', () => {
    expect(usage(() => parseArgs(['--reasn', 'x'], SPECS))).toBe('unknown option --reasn (did you mean --reason?)');
    expect(usage(() => parseArgs(['--zzzzzzzz'], SPECS))).toBe('unknown option --zzzzzzzz');
    expect(usage(() => parseArgs(['-x'], SPECS))).toBe('unknown option -x');
  });

  it('refuses a missing value, a value on a switch and a repeated flag', () => {
    expect(usage(() => parseArgs(['--reason'], SPECS))).toBe('--reason needs a value: --reason TEXT');
    expect(usage(() => parseArgs(['--reason', '--force'], SPECS))).toBe('--reason needs a value: --reason TEXT');
    expect(usage(() => parseArgs(['--force=yes'], SPECS))).toContain('is a switch and takes no value');
    expect(usage(() => parseArgs(['--limit', '1', '--limit', '2'], SPECS))).toBe('--limit is given twice; give it once');
  });

  it('computes edit distance', () => {
    expect(distance('kitten', 'sitting')).toBe(3);
    expect(distance('', 'abc')).toBe(3);
    expect(distance('same', 'same')).toBe(0);
  });
});

describe('FlagReader', () => {
  const read = (flags: Record<string, string | boolean>) => new FlagReader(flags);

  it('reads integers within bounds and says what would work', () => {
    expect(read({ limit: '20' }).integer('limit', 1, 500)).toBe(20);
    expect(read({}).integer('limit', 1, 500)).toBeUndefined();
    expect(usage(() => read({ limit: '0' }).integer('limit', 1, 500))).toBe('--limit must be an integer from 1 to 500 (got "0")');
    expect(usage(() => read({ limit: '1.5' }).integer('limit', 1, 500))).toContain('must be an integer');
  });

  it('reads times with a zone only', () => {
    expect(read({ from: '2026-11-20T10:02:00Z' }).time('from')).toBe('2026-11-20T10:02:00Z');
    expect(read({ from: '2026-11-20T10:02:00+01:00' }).time('from')).toBe('2026-11-20T10:02:00+01:00');
    expect(usage(() => read({ from: '2026-11-20T10:02:00' }).time('from'))).toContain('ISO-8601 time with a zone');
    expect(usage(() => read({ from: 'yesterday' }).time('from'))).toContain('ISO-8601');
  });

  it('reads lists, enums and required values', () => {
    expect(read({ status: 'FAILED, COMPENSATED,' }).list('status')).toEqual(['FAILED', 'COMPENSATED']);
    expect(usage(() => read({ status: ',' }).list('status'))).toContain('at least one value');
    expect(read({ mode: 'restart' }).oneOf('mode', ['resume', 'restart'])).toBe('restart');
    expect(usage(() => read({ mode: 'again' }).oneOf('mode', ['resume', 'restart']))).toBe('--mode must be one of resume, restart (got "again")');
    expect(usage(() => read({}).required('reason', '"why"'))).toBe('--reason is required, e.g. --reason "why"');
    expect(usage(() => read({ reason: '  ' }).required('reason', '"why"'))).toContain('is required');
    expect(read({ force: true }).bool('force')).toBe(true);
    expect(read({}).bool('force')).toBe(false);
  });
});
