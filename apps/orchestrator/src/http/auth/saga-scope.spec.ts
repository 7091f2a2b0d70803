import { SagaScope } from './saga-scope';

describe(SagaScope.name, () => {
  const sut = new SagaScope(['order*', 'refund']);

  it.each([
    ['order', true],
    ['order.eu', true],
    ['orders', true],
    ['refund', true],
    ['refunds', false],
    ['payment', false],
    ['', false],
  ])('%s → %s', (saga, allowed) => expect(sut.allows(saga)).toBe(allowed));

  it('a lone * allows every saga', () => expect(new SagaScope(['*']).allows('payment')).toBe(true));

  it('describes itself for error messages', () => expect(sut.describe()).toBe('order*, refund'));
});
