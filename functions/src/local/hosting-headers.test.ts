import { headersFor, type HostingHeaderRule, withConnectSources } from './hosting-headers';

describe('hosting headers', () => {
  const rules: HostingHeaderRule[] = [
    { source: '**', headers: [{ key: 'X-Frame', value: 'a' }, { key: 'Cache-Control', value: 'no-cache' }] },
    { source: '/assets/**', headers: [{ key: 'cache-control', value: 'immutable' }] },
    { source: '**/*.html', headers: [{ key: 'X-Html', value: 'yes' }] },
  ];

  it('matches each rule on the request path and lets a later rule replace an earlier header, whatever its case', () => {
    expect(headersFor(rules, '/office/orders')).toEqual({ 'X-Frame': 'a', 'Cache-Control': 'no-cache' });
    expect(headersFor(rules, '/assets/app.js')).toEqual({ 'X-Frame': 'a', 'cache-control': 'immutable' });
    expect(headersFor(rules, '/docs/index.html')).toEqual({ 'X-Frame': 'a', 'Cache-Control': 'no-cache', 'X-Html': 'yes' });
  });

  it('adds sources to connect-src only, or creates it', () => {
    expect(withConnectSources("default-src 'self'; connect-src 'self' https://a; img-src 'self'", ['http://127.0.0.1:8080'])).toBe(
      "default-src 'self'; connect-src 'self' https://a http://127.0.0.1:8080; img-src 'self'",
    );
    expect(withConnectSources("default-src 'self'", ['http://h:1'])).toBe("default-src 'self'; connect-src 'self' http://h:1");
    expect(withConnectSources("default-src 'self'", [])).toBe("default-src 'self'");
  });
});
