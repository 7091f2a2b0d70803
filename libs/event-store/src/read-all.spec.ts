import { buildReadQuery } from './read-all';

describe(buildReadQuery.name, () => {
  it('numbers the optional filters after the two bounds and puts the limit last', () => {
    const sut = buildReadQuery('position > $1', [10, 99], { limit: 5, types: ['A'], streamPrefix: 'message-' });

    expect(sut.text).toContain('WHERE position > $1 AND position <= $2 AND type = ANY($3::text[]) AND starts_with(stream_id, $4)');
    expect(sut.text).toMatch(/ORDER BY position LIMIT \$5$/);
    expect(sut.params).toEqual([10, 99, ['A'], 'message-', 5]);
  });

  it('leaves out filters that are not given', () => {
    const sut = buildReadQuery('position > $1', [0, 1], { limit: 1 });

    expect(sut.text).not.toContain('type =');
    expect(sut.params).toEqual([0, 1, 1]);
  });

  it('refuses a limit below 1', () => {
    expect(() => buildReadQuery('position > $1', [0, 1], { limit: 0 })).toThrow(RangeError);
  });

  it('reads a saga as two ordered, limited scans merged by position', () => {
    const sut = buildReadQuery('position > $1', [10, 99], { limit: 5, types: ['A'], saga: 'order' });

    expect(sut.text).toContain(`(metadata->>'saga') = $4`);
    expect(sut.text).toContain(`stream_id = $5 AND (metadata->>'saga') IS DISTINCT FROM $4`);
    expect(sut.text).toMatch(/UNION ALL .* ORDER BY position LIMIT \$6$/);
    expect(sut.params).toEqual([10, 99, ['A'], 'order', 'saga-order', 5]);
  });
});
