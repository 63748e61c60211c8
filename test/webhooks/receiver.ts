import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A webhook receiver on 127.0.0.1 that records every request and answers as the test says.

export interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

export type Responder = (r: Received, res: ServerResponse) => void;

export const answer = (status: number, body = 'ok'): Responder => (_r, res) => {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
};

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

export async function startReceiver(t: { teardown(fn: () => unknown): void }, initial: Responder = answer(200)) {
  const received: Received[] = [];
  let respond = initial;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { headers: flat(req.headers), body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(r);
      respond(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith(r: Responder) {
      respond = r;
    },
  };
}
