import { findUnstorableText } from './find-unstorable-text';

describe(findUnstorableText.name, () => {
  it('accepts ordinary text, emoji (a surrogate pair), RTL marks and other JSON', () => {
    expect(findUnstorableText({ a: 'plain', b: ['😀', '\u202eevil', 'e\u0301'], c: 1, d: null, e: true }, 'payload')).toEqual([]);
    expect(findUnstorableText('👩‍👩‍👧‍👦')).toEqual([]);
  });

  it('names every NUL and lone surrogate, in values and keys, with its path', () => {
    const sut = findUnstorableText({ sku: 'a\u0000b', items: [{ note: 'x\udc00' }], ['k\ud800']: 1, tail: '\ud83d' }, 'payload');
    // The path escapes the bad key (JSON.stringify), so the error itself is well-formed.
    expect(sut.map((i) => i.path)).toEqual(['payload["k\\ud800"]', 'payload.sku', 'payload.items[0].note', 'payload.tail']);
    expect(sut[0].message).toMatch(/^is a key that contains an unpaired/);
    expect(sut[1].message).toMatch(/U\+0000 \(NUL\), which PostgreSQL cannot store/);
    expect(sut[2].message).toMatch(/unpaired UTF-16 surrogate/);
  });

  it('checks a bare string under the name it is given', () => {
    expect(findUnstorableText('a\u0000', 'id')).toEqual([{ path: 'id', message: expect.stringMatching(/NUL/) }]);
  });

  it('walks very deep values without recursion', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 50_000; i += 1) deep = [deep];
    expect(findUnstorableText(deep)).toHaveLength(1);
  });
});
