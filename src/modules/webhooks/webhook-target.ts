import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';

/**
 * Where a webhook may go, and the POST itself. A lender chooses the URL, so the platform must not be
 * made to call into its own network (SSRF): https to public addresses only; http and loopback only for
 * a literal loopback host (`localhost`, `127.0.0.1`, `[::1]`) and only where loopback is allowed (a local
 * instance, tests). Names are resolved once, checked, and the connection goes to exactly the checked
 * address (custom `lookup`), so DNS rebinding between check and connect cannot slip through. Redirects
 * are not followed.
 */

/** A target the platform refuses to call: retrying cannot help. */
export class WebhookTargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

export type AddressKind = 'public' | 'loopback' | 'blocked';

/** [first address, prefix length, kind]: everything not public. */
const IPV4_RANGES: [string, number, Exclude<AddressKind, 'public'>][] = [
  ['127.0.0.0', 8, 'loopback'],
  ['0.0.0.0', 8, 'blocked'], // "this network"
  ['10.0.0.0', 8, 'blocked'], // private
  ['100.64.0.0', 10, 'blocked'], // carrier-grade NAT
  ['169.254.0.0', 16, 'blocked'], // link-local, cloud metadata services
  ['172.16.0.0', 12, 'blocked'], // private
  ['192.0.0.0', 24, 'blocked'], // IETF protocol assignments
  ['192.0.2.0', 24, 'blocked'], // documentation
  ['192.88.99.0', 24, 'blocked'], // 6to4 relay
  ['192.168.0.0', 16, 'blocked'], // private
  ['198.18.0.0', 15, 'blocked'], // benchmarking
  ['198.51.100.0', 24, 'blocked'], // documentation
  ['203.0.113.0', 24, 'blocked'], // documentation
  ['224.0.0.0', 4, 'blocked'], // multicast
  ['240.0.0.0', 4, 'blocked'], // reserved, broadcast
];

const IPV6_RANGES: [string, number, Exclude<AddressKind, 'public'>][] = [
  ['::1', 128, 'loopback'],
  ['::', 128, 'blocked'], // unspecified
  ['::', 96, 'blocked'], // IPv4-compatible (deprecated)
  ['100::', 64, 'blocked'], // discard
  ['2001:db8::', 32, 'blocked'], // documentation
  ['2002::', 16, 'blocked'], // 6to4: embeds arbitrary IPv4
  ['fc00::', 7, 'blocked'], // unique local
  ['fe80::', 10, 'blocked'], // link-local
  ['fec0::', 10, 'blocked'], // site-local (deprecated)
  ['ff00::', 8, 'blocked'], // multicast
];

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** An IPv6 address as a 128-bit number (handles `::` and an embedded dotted IPv4 tail). */
function ipv6ToBigInt(ip: string): bigint {
  let s = ip.toLowerCase().split('%')[0];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const v4 = ipv4ToBigInt(dotted[2]);
    s = `${dotted[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const headWords = head ? head.split(':') : [];
  const tailWords = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - headWords.length - tailWords.length).fill('0');
  return [...headWords, ...zeros, ...tailWords].reduce((acc, w) => (acc << 16n) | BigInt(parseInt(w, 16)), 0n);
}

const inRange = (value: bigint, base: bigint, prefix: number, bits: number) =>
  value >> BigInt(bits - prefix) === base >> BigInt(bits - prefix);

/** Whether an IP address is public, loopback, or in a range the platform never calls. */
export function classifyAddress(ip: string): AddressKind {
  const family = net.isIP(ip);
  if (family === 4) {
    const v = ipv4ToBigInt(ip);
    for (const [base, prefix, kind] of IPV4_RANGES) if (inRange(v, ipv4ToBigInt(base), prefix, 32)) return kind;
    return 'public';
  }
  if (family === 6) {
    const v = ipv6ToBigInt(ip);
    // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses are judged by their IPv4 part.
    if (v >> 32n === 0xffffn || v >> 32n === 0x0064ff9b0000000000000000n) {
      const v4 = v & 0xffffffffn;
      return classifyAddress([24n, 16n, 8n, 0n].map((sh) => String((v4 >> sh) & 0xffn)).join('.'));
    }
    for (const [base, prefix, kind] of IPV6_RANGES) if (inRange(v, ipv6ToBigInt(base), prefix, 128)) return kind;
    return 'public';
  }
  return 'blocked';
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 or ::1 as written in a URL. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return net.isIP(h) !== 0 && classifyAddress(h) === 'loopback';
}

export interface TargetPolicy {
  /** Loopback targets (and plain http to them): for local instances and tests only. */
  allowLoopback: boolean;
}

/** Checks a webhook URL before any connection; throws WebhookTargetRefused with the reason. */
export function checkWebhookUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetRefused('Ungültige Webhook-URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookTargetRefused('Nur http(s)-URLs sind erlaubt.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = isLoopbackHost(host);
  if (loopback && !policy.allowLoopback) throw new WebhookTargetRefused('Ziele auf dem Server selbst (localhost) sind nicht erlaubt.');
  if (url.protocol === 'http:' && !loopback) throw new WebhookTargetRefused('Nur https ist erlaubt (http nur für localhost).');
  if (net.isIP(host) && !loopback && classifyAddress(host) !== 'public') {
    throw new WebhookTargetRefused(`Private oder reservierte Netzadresse ${host} ist als Ziel nicht erlaubt.`);
  }
  return url;
}

/** The resolver behind the guard (dns.lookup; tests pass their own). */
export type Resolver = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/** dns.lookup that fails unless every address is allowed: public, or loopback for a loopback host. */
function guardedLookup(loopbackHost: boolean, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { all: true, family: options.family, hints: options.hints }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.find((a) => {
        const kind = classifyAddress(a.address);
        return loopbackHost ? kind !== 'loopback' : kind !== 'public';
      });
      if (refused || addresses.length === 0) {
        const e = new WebhookTargetRefused(`${hostname} löst auf eine nicht erlaubte Netzadresse auf (${refused?.address ?? 'keine'}).`);
        return callback(e as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs `body` and answers the response status. Throws WebhookTargetRefused for a target that is not
 * allowed, and an Error (timeout, connection, TLS) for anything retrying may cure. The response body is
 * read (up to 64 KiB) and discarded.
 */
export function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  opts: TargetPolicy & { timeoutMs: number; resolver?: Resolver },
): Promise<{ statusCode: number }> {
  const loopbackHost = isLoopbackHost(url.hostname);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  return new Promise<{ statusCode: number }>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(loopbackHost, opts.resolver ?? dns.lookup),
      agent: false,
      signal: controller.signal,
    });
    request.on('error', (err) => {
      if (controller.signal.aborted) reject(new Error(`Zeitüberschreitung nach ${opts.timeoutMs / 1000} s`));
      else reject(err);
    });
    request.on('response', (res) => {
      let size = 0;
      const done = () => resolve({ statusCode: res.statusCode ?? 0 });
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('close', done);
      res.on('error', () => done());
    });
    request.end(body);
  }).finally(() => clearTimeout(timer));
}
