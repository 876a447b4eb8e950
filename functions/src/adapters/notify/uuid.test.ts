import { uuidV5 } from './uuid';

describe('uuidV5', () => {
  it('matches the RFC 4122 reference value (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable per key and differs between keys', () => {
    expect(uuidV5('evt-1:cust-9')).toBe(uuidV5('evt-1:cust-9'));
    expect(uuidV5('evt-1:cust-9')).not.toBe(uuidV5('evt-2:cust-9'));
    expect(uuidV5('訂單-通知')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
