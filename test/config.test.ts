import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.ts';

t.test('defaults run the embedded database on localhost', async (t) => {
  const config = loadConfig({});
  t.same(config.database, { kind: 'pglite', dataDir: './data' });
  t.equal(config.port, 3000);
  t.equal(config.host, '127.0.0.1');
  t.ok(Object.isFrozen(config));
});

t.test('DATABASE_URL switches to PostgreSQL and values are converted', async (t) => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/complaints', PORT: '8080', TRUST_PROXY: 'true', DATA_DIR: '' });
  t.same(config.database, {
    kind: 'postgres',
    url: 'postgres://u@db:5432/complaints',
    poolMax: 10,
    timeouts: { connectMs: 2000, statementMs: 15000, idleInTransactionMs: 30000, reportStatementMs: 60000 },
  });
  t.equal(config.port, 8080);
  t.equal(config.trustProxy, true);
  t.equal(config.requestTimeoutMs, 30000);
});

t.test('the database and request timeouts are set from the environment', async (t) => {
  const config = loadConfig({
    DATABASE_URL: 'postgres://u@db/complaints',
    DATABASE_CONNECT_TIMEOUT_MS: '500',
    DATABASE_STATEMENT_TIMEOUT_MS: '3000',
    DATABASE_REPORT_STATEMENT_TIMEOUT_MS: '90000',
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '4000',
    REQUEST_TIMEOUT_MS: '1000',
  });
  t.match(config.database, { timeouts: { connectMs: 500, statementMs: 3000, idleInTransactionMs: 4000, reportStatementMs: 90000 } });
  t.equal(config.requestTimeoutMs, 1000);
  t.throws(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '0' }), /DATABASE_CONNECT_TIMEOUT_MS="0"/, 'no connect timeout is not allowed');
});

t.test('a bad value stops start-up with one line naming the variable and what is allowed', async (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT="eighty" is not allowed; expected port to listen on/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud".*one of fatal, error, warn, info, debug, trace, silent/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL="mysql:\/\/x".*postgres:\/\//],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY="maybe"/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN="short".*at least 16 characters/],
    [{ METRICS_PORT: '-1' }, /METRICS_PORT="-1"/],
    [{ METRICS_SLA_INTERVAL_SECONDS: '0' }, /METRICS_SLA_INTERVAL_SECONDS="0"/],
  ];
  for (const [env, message] of cases) {
    try {
      loadConfig(env);
      t.fail(`${JSON.stringify(env)} was accepted`);
    } catch (err) {
      t.ok(err instanceof ConfigError, 'a ConfigError');
      t.match((err as Error).message, message);
      t.notMatch((err as Error).message, /\n/, 'one line');
    }
  }
});

t.test('metrics: on 127.0.0.1:9464 without a token, every 30 s for the SLA gauges', async (t) => {
  t.same(loadConfig({}).metrics, { token: undefined, port: 9464, slaIntervalSeconds: 30 });
  t.same(loadConfig({ METRICS_TOKEN: 'a-long-enough-token-123', METRICS_PORT: '0', METRICS_SLA_INTERVAL_SECONDS: '60' }).metrics, { token: 'a-long-enough-token-123', port: 0, slaIntervalSeconds: 60 });
});
