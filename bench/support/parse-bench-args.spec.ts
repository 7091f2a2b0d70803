import { FIGURES } from './figures-catalog';
import { BenchUsageError, parseBenchArgs } from './parse-bench-args';

describe(parseBenchArgs.name, () => {
  it('defaults to a full run of every figure over 3 rounds', () => {
    const sut = parseBenchArgs([]);
    expect(sut).toEqual({ quick: false, rounds: 3, only: new Set(Object.keys(FIGURES)) });
  });

  it('reads --quick, --rounds and --only, with values inline or separate', () => {
    expect(parseBenchArgs(['--quick', '--rounds', '5', '--only', 'sagaRate,bullmqChain'])).toEqual({
      quick: true,
      rounds: 5,
      only: new Set(['sagaRate', 'bullmqChain']),
    });
    expect(parseBenchArgs(['--rounds=4', '--only=appendRate'])).toEqual({ quick: false, rounds: 4, only: new Set(['appendRate']) });
  });

  it('expands the issue’s names for figures reported in parts', () => {
    const sut = parseBenchArgs(['--only', 'hopLatency,scale']);
    expect(sut !== 'help' && [...sut.only].sort()).toEqual(['hopLatencyP50', 'hopLatencyP99', 'scale10k', 'scale1M']);
  });

  it('answers help', () => {
    expect(parseBenchArgs(['-h'])).toBe('help');
    expect(parseBenchArgs(['--quick', '--help'])).toBe('help');
  });

  it.each([
    [['--rounds', '2'], /--rounds must be a whole number from 3 to 50.*got '2'/],
    [['--rounds', '3.5'], /--rounds must be a whole number/],
    [['--rounds'], /--rounds needs a value/],
    [['--rounds', '--quick'], /--rounds needs a value/],
    [['--only', 'sagarate'], /'sagarate' is not a figure \(did you mean 'sagaRate'\?\)/],
    [['--only', 'nonsense'], /'nonsense' is not a figure/],
    [['--only', ','], /at least one figure/],
    [['--only', 'sagaRate', '--only', 'appendRate'], /given twice/],
    [['--fast'], /unknown argument '--fast'/],
    [['--quick=yes'], /--quick takes no value/],
  ])('refuses %j with a message that says what would work', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it('lists the known figures in its usage', () => {
    expect(() => parseBenchArgs(['--nope'])).toThrow(/pgInsertCeiling, appendRate/);
  });
});
