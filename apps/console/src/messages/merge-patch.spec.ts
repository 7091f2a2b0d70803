import { parsePatch } from './merge-patch';

describe(parsePatch.name, () => {
  it('reads an object, treats blank as no patch, and says why anything else is refused', () => {
    expect(parsePatch(' {"card": null} ')).toEqual({ patch: { card: null } });
    expect(parsePatch('  ')).toEqual({});
    expect(parsePatch('[1]').error).toMatch(/must be a JSON object/);
    expect(parsePatch('{"a": ').error).toMatch(/^not JSON: /);
  });
});
