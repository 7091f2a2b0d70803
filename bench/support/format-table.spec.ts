import { formatResults } from './format-table';

describe(formatResults.name, () => {
  it('prints a figure table and a target table with aligned columns', () => {
    const sut = formatResults(
      { sagaRate: { median: 412.345, min: 400, max: 1234.5, unit: 'sagas/s', rounds: [400, 412.345, 1234.5] } },
      [{ name: 'sagaRate ≥ 3 × dbosSaga', measure: 'ratio', value: 2, threshold: 3, comparison: '>=', status: 'miss', detail: '2.00×, needs >= 3×: 33 % short' }],
    );
    expect(sut.split('\n')).toEqual([
      'figure    median    min    max  unit     rounds',
      '--------  ------  -----  -----  -------  ------',
      'sagaRate   412.3  400.0  1,235  sagas/s       3',
      '',
      'target                   result  measured (medians)',
      '-----------------------  ------  ------------------------------',
      'sagaRate ≥ 3 × dbosSaga  MISS    2.00×, needs >= 3×: 33 % short',
    ]);
  });
});
