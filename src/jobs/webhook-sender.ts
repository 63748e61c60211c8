import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { refusedAddress, refusedUrl, type DestinationRules } from '../domain/webhooks/destination.ts';

// One HTTP attempt. The host is resolved here, every address is checked, and the socket
// connects to exactly the address checked (the request's `lookup` answers with it), while
// Host and TLS SNI/certificate checks keep the hostname: so a name that resolves to a
// public address when saved and to 169.254.169.254 now is refused now (DNS rebinding).
// Redirects are not followed (node's http never does); a 3xx is a failure.

export const MAX_RESPONSE_BYTES = 64 * 1024;
export const STORED_RESPONSE_BYTES = 1024;

export interface SendOutcome {
  status: number | null;
  /** The first 1 KB of the response body, as text. */
  body: string | null;
  error: string | null;
  durationMs: number;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export interface SendOptions {
  rules: DestinationRules;
  timeoutMs: number;
  resolve?: Resolver;
}

async function resolveChecked(url: URL, options: SendOptions): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (options.resolve ?? systemResolver)(host);
  if (addresses.length === 0) throw new Error(`${host} did not resolve`);
  // Every address is checked, not only the first: a name answering both a public and an
  // internal address is refused rather than connected to whichever comes first.
  for (const a of addresses) {
    const why = refusedAddress(a.address, url.protocol as 'http:' | 'https:', options.rules);
    if (why) throw new Error(`refused: ${host} resolves to ${why}`);
  }
  const chosen = addresses[0];
  if (!chosen) throw new Error(`${host} did not resolve`);
  return chosen;
}

function readCapped(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size >= MAX_RESPONSE_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
      // Enough read: the rest is not waited for (a receiver streaming forever cannot hold us).
      if (size >= MAX_RESPONSE_BYTES) {
        res.destroy();
        resolve(Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES));
      }
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('close', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
  });
}

export async function sendWebhook(target: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target);
  const refused = refusedUrl(target, options.rules);
  if (refused) return { status: null, body: null, error: `refused: the URL ${refused}`, durationMs: elapsed() };
  let resolved: { address: string; family: number };
  try {
    resolved = await resolveChecked(url, options);
  } catch (err) {
    return { status: null, body: null, error: err instanceof Error ? err.message : String(err), durationMs: elapsed() };
  }
  const pinned: LookupFunction = (_host, opts, callback) => {
    if (opts.all) callback(null, [{ address: resolved.address, family: resolved.family }]);
    else callback(null, resolved.address, resolved.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (o: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...o, durationMs: elapsed() });
    };
    const req = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'complaints-api-webhooks/1' },
        ...(url.protocol === 'https:' ? { servername: isIP(url.hostname) ? undefined : url.hostname } : {}),
      },
      (res) => {
        readCapped(res).then(
          (buf) => finish({ status: res.statusCode ?? null, body: buf.subarray(0, STORED_RESPONSE_BYTES).toString('utf8'), error: null }),
          (err: unknown) => finish({ status: res.statusCode ?? null, body: null, error: `response: ${err instanceof Error ? err.message : String(err)}` }),
        );
      },
    );
    // The whole attempt, connect to last byte, gets `timeoutMs` (10 s in production).
    const timer = setTimeout(() => {
      finish({ status: null, body: null, error: `timed out after ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (err) => finish({ status: null, body: null, error: err.message }));
    req.end(body);
  });
}
