import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookUrl, classifyAddress, isLoopbackHost, postWebhook, WebhookTargetRefused, type Resolver } from './webhook-target.js';

describe('webhook targets', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'blocked'],
    ['172.16.0.1', 'blocked'],
    ['172.31.255.255', 'blocked'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'blocked'],
    ['169.254.169.254', 'blocked'],
    ['100.64.0.1', 'blocked'],
    ['0.0.0.0', 'blocked'],
    ['224.0.0.1', 'blocked'],
    ['255.255.255.255', 'blocked'],
    ['::1', 'loopback'],
    ['::', 'blocked'],
    ['fe80::1', 'blocked'],
    ['fd00::1', 'blocked'],
    ['fc12:3456::1', 'blocked'],
    ['ff02::1', 'blocked'],
    ['2001:db8::1', 'blocked'],
    ['2a00:1450:4001:82a::200e', 'public'],
    ['::ffff:10.0.0.1', 'blocked'],
    ['::ffff:a00:1', 'blocked'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:8.8.8.8', 'public'],
    ['64:ff9b::a9fe:a9fe', 'blocked'],
    ['not-an-ip', 'blocked'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it('knows loopback hosts as written in URLs', () => {
    for (const h of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '[::1]', '::1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['example.com', 'localhost.example.com', '10.0.0.1', '[fe80::1]']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('allows https to public hosts, and http or loopback only where loopback is allowed', () => {
    const local = { allowLoopback: true };
    const prod = { allowLoopback: false };
    expect(checkWebhookUrl('https://bank.example/hooks', prod).hostname).toBe('bank.example');
    expect(checkWebhookUrl('http://127.0.0.1:8080/h', local).port).toBe('8080');
    expect(checkWebhookUrl('http://localhost/h', local).hostname).toBe('localhost');
    expect(checkWebhookUrl('https://[::1]/h', local).hostname).toBe('[::1]');
    const refused = (url: string, policy = local) => expect(() => checkWebhookUrl(url, policy)).toThrow(WebhookTargetRefused);
    refused('http://127.0.0.1:8080/h', prod);
    refused('https://localhost/h', prod);
    refused('http://bank.example/hooks');
    refused('ftp://bank.example/hooks');
    refused('file:///etc/passwd');
    refused('not a url');
    refused('https://10.0.0.1/h');
    refused('https://169.254.169.254/latest/meta-data');
    refused('https://[fd00::1]/h');
    refused('https://[::ffff:192.168.0.1]/h');
    refused('https://0x7f000001/h', prod); // WHATWG URL normalises it to 127.0.0.1
  });
});

describe('postWebhook', () => {
  let server: http.Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(req.url === '/redirect' ? 302 : 200, req.url === '/redirect' ? { location: '/ok' } : {}).end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const opts = { allowLoopback: true, timeoutMs: 2_000 };
  const ipv4Only: Resolver = (host, options, cb) => dns.lookup(host, { ...options, family: 4 }, cb);

  it('resolves a loopback name and posts to it', async () => {
    const res = await postWebhook(new URL(`http://localhost:${port}/ok`), '{}', { 'content-type': 'application/json' }, { ...opts, resolver: ipv4Only });
    expect(res.statusCode).toBe(200);
    expect(hits).toContain('/ok');
  });

  it('does not follow redirects', async () => {
    const res = await postWebhook(new URL(`http://127.0.0.1:${port}/redirect`), '{}', {}, opts);
    expect(res.statusCode).toBe(302);
    expect(hits.filter((h) => h === '/ok')).toHaveLength(1);
  });

  it('refuses a public name that resolves into a private or loopback network (checked at connect time)', async () => {
    const to =
      (address: string): Resolver =>
      (_h, _o, cb) =>
        cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
    for (const address of ['127.0.0.1', '10.0.0.7', '169.254.169.254', '::ffff:192.168.1.1']) {
      await expect(postWebhook(new URL(`https://rebind.example:${port}/x`), '{}', {}, { ...opts, resolver: to(address) })).rejects.toBeInstanceOf(
        WebhookTargetRefused,
      );
    }
    // One bad address among good ones is enough to refuse.
    const mixed: Resolver = (_h, _o, cb) => cb(null, [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }]);
    await expect(postWebhook(new URL('https://mixed.example/x'), '{}', {}, { ...opts, resolver: mixed })).rejects.toBeInstanceOf(WebhookTargetRefused);
    expect(hits.filter((h) => h === '/x')).toHaveLength(0);
  });
});
