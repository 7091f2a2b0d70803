import { InvalidInputError } from '@retrace/domain';
import { StorableTextPipe } from './storable-text.pipe';

describe(StorableTextPipe.name, () => {
  const sut = new StorableTextPipe();

  it('passes ordinary values through unchanged', () => {
    const body = { saga: 'order', payload: { note: '😀 \u202e ok' } };
    expect(sut.transform(body, { type: 'body' })).toBe(body);
    expect(sut.transform('order-1', { type: 'param', data: 'id' })).toBe('order-1');
  });

  it('refuses a NUL in a path parameter, naming it (PostgreSQL failed the lookup with a 500 before)', () => {
    expect(() => sut.transform('a\u0000b', { type: 'param', data: 'id' })).toThrow(InvalidInputError);
    expect(() => sut.transform('a\u0000b', { type: 'param', data: 'id' })).toThrow(/^id contains U\+0000/);
  });

  it('refuses a lone surrogate deep in a body and a NUL in a query value, with their paths', () => {
    expect(() => sut.transform({ saga: 'order', payload: { sku: 'x\udc00y' } }, { type: 'body' })).toThrow(/^payload\.sku contains an unpaired UTF-16 surrogate/);
    expect(() => sut.transform({ saga: '\u0000' }, { type: 'query' })).toThrow(/^saga contains U\+0000/);
  });

  it('leaves custom parameters (the request, the response) alone', () => {
    const req = { body: 'a\u0000' };
    expect(sut.transform(req, { type: 'custom' })).toBe(req);
  });
});
