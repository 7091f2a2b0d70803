import { formatFields, formatTable, percent, progressBar } from './table';

describe('formatTable', () => {
  it('aligns columns two spaces apart, numbers to the right, without trailing spaces', () => {
    expect(
      formatTable(
        ['ID', 'STATUS', 'ATTEMPTS'],
        [
          ['o-1', 'COMPLETED', 1],
          ['order-22', 'FAILED', 12],
        ],
      ),
    ).toBe(['ID        STATUS     ATTEMPTS', 'o-1       COMPLETED         1', 'order-22  FAILED           12'].join('\n'));
  });

  it('prints - for empty cells, flattens newlines and clips long cells', () => {
    const out = formatTable(['A', 'B'], [[null, 'line one\n  line two'], ['x'.repeat(20), undefined]], { maxCell: 10 });
    expect(out.split('\n')).toEqual(['A           B', '-           line one…', 'xxxxxxxxx…  -']);
  });

  it('aligns chosen columns right and says (none) for no rows', () => {
    expect(formatTable(['K', 'P'], [['a', '5%'], ['b', '50%']], { right: [1] })).toBe('K    P\na   5%\nb  50%');
    expect(formatTable(['A'], [])).toBe('(none)');
    expect(formatTable(['N', 'EMPTY'], [[1, null], [22, undefined]])).toBe(' N  EMPTY\n 1  -\n22  -');
  });
});

describe('formatFields, progressBar, percent', () => {
  it('aligns values after their keys', () => {
    expect(formatFields([['id', 'm-1'], ['status', 'FAILED'], ['run', null]])).toBe('id:     m-1\nstatus: FAILED\nrun:    -');
  });

  it('draws progress, a zero total as full', () => {
    expect(progressBar(1, 4, 8)).toBe('[##......]  25.0%');
    expect(progressBar(0, 0, 4)).toBe('[####] 100.0%');
    expect(progressBar(9, 4, 4)).toBe('[####] 100.0%');
  });

  it('shows probabilities as percentages', () => {
    expect(percent(0.4567)).toBe('45.7%');
    expect(percent(undefined)).toBeUndefined();
  });
});
