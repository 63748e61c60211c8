import { connect } from 'node:net';
import t from 'tap';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { testDatabase } from '../helpers/test-database.ts';
import { aKey, fixedClock, policyPresets, ukCalendars } from '../helpers/test-app.ts';

t.test('a body trickled a byte at a time gets 408 problem+json and the connection is closed', async (t) => {
  const { db } = await testDatabase(t);
  const app = await buildApp({ db, clock: fixedClock('2026-11-23T10:00:00Z'), calendars: ukCalendars, presets: policyPresets, logger: createLogger('silent'), requestTimeoutMs: 1500 });
  t.teardown(() => app.close());
  const { key } = await aKey(db, ['complaints:write']);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };

  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (c: Buffer) => (received += c.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  const started = Date.now();
  socket.write(
    `POST /v1/complaints HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${key.secret}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 200\r\nX-Request-Id: trickle-1\r\n\r\n{',
  );
  const trickle = setInterval(() => socket.writable && socket.write(' '), 500);
  await closed;
  clearInterval(trickle);
  const elapsed = Date.now() - started;

  const [head = '', body = ''] = received.split('\r\n\r\n');
  t.match(head, /^HTTP\/1\.1 408 /, '408');
  t.match(head, /content-type: application\/problem\+json/i);
  t.match(head, /x-request-id: trickle-1/i, 'with the request id');
  t.match(head, /connection: close/i);
  t.match(JSON.parse(body), { status: 408, code: 'request_timeout', requestId: 'trickle-1' });
  t.ok(elapsed >= 1400 && elapsed < 5000, `answered after the limit, not held for ever (${elapsed} ms)`);
});
