import { retryKeys } from './retry-key';

describe('retryKeys', () => {
  const counter = () => {
    let n = 0;
    return () => `key-${++n}`;
  };

  it('gives a retried body the same key, so the API replays instead of adding a twin', () => {
    const keyFor = retryKeys(counter());
    expect(keyFor({ category: 'safety', note: '瓦斯味' })).toBe('key-1');
    expect(keyFor({ category: 'safety', note: '瓦斯味' })).toBe('key-1');
  });

  it('gives a changed body a fresh key', () => {
    const keyFor = retryKeys(counter());
    keyFor({ note: '' });
    expect(keyFor({ note: '瓦斯味' })).toBe('key-2');
  });

  it('gives the same body a fresh key once renewed after a success, so sending it again is a new request', () => {
    const keyFor = retryKeys(counter());
    expect(keyFor({ customerId: 'c1', items: [{ size: 20, quantity: 1 }] })).toBe('key-1');
    keyFor.renew();
    expect(keyFor({ customerId: 'c1', items: [{ size: 20, quantity: 1 }] })).toBe('key-2');
    expect(keyFor({ customerId: 'c1', items: [{ size: 20, quantity: 1 }] })).toBe('key-2');
  });

  it('keeps no state between forms', () => {
    const first = retryKeys(counter());
    const second = retryKeys(() => 'other');
    first({ a: 1 });
    expect(second({ a: 1 })).toBe('other');
  });
});
