import { evaluateTargets, type Target } from './targets';

describe(evaluateTargets.name, () => {
  const ratio: Target = { name: 'appendRate ≥ 0.8 × pgInsertCeiling', kind: 'ratio', figure: 'appendRate', atLeast: 0.8, of: 'pgInsertCeiling' };
  const bound: Target = { name: 'hop p50 ≤ 5 ms', kind: 'bound', figure: 'hopLatencyP50', atMost: 5, unit: 'ms' };

  it('passes a ratio at or above its factor and reports the ratio', () => {
    const [sut] = evaluateTargets({ appendRate: 800, pgInsertCeiling: 1000 }, [ratio]);
    expect(sut).toMatchObject({ status: 'pass', measure: 'ratio', value: 0.8, threshold: 0.8, comparison: '>=' });
  });

  it('misses a ratio below its factor and says by how much', () => {
    const [sut] = evaluateTargets({ appendRate: 600, pgInsertCeiling: 1000 }, [ratio]);
    expect(sut.status).toBe('miss');
    expect(sut.value).toBeCloseTo(0.6);
    expect(sut.detail).toBe('0.600×, needs >= 0.8×: 25 % short');
  });

  it('checks an upper bound on the figure itself', () => {
    expect(evaluateTargets({ hopLatencyP50: 5 }, [bound])[0]).toMatchObject({ status: 'pass', measure: 'value', value: 5, comparison: '<=' });
    const [miss] = evaluateTargets({ hopLatencyP50: 7.5 }, [bound]);
    expect(miss.status).toBe('miss');
    expect(miss.detail).toBe('7.50 ms, needs <= 5 ms: 50 % over');
  });

  it('marks a target whose figures were not run as not measured, naming them', () => {
    const [sut] = evaluateTargets({ appendRate: 800 }, [ratio]);
    expect(sut).toMatchObject({ status: 'not measured', value: null, detail: 'needs pgInsertCeiling in this run' });
    expect(evaluateTargets({}, [bound])[0].detail).toBe('needs hopLatencyP50 in this run');
  });

  it('does not divide by a zero ceiling', () => {
    expect(evaluateTargets({ appendRate: 800, pgInsertCeiling: 0 }, [ratio])[0].status).toBe('not measured');
  });

  it('knows all nine targets of issue 8', () => {
    expect(evaluateTargets({})).toHaveLength(9);
  });
});
