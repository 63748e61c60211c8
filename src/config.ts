import { readdirSync, readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { validateBankHolidayFeed, type BankHolidayFeed } from './domain/calendar/index.ts';
import { presetsFrom, type PolicyPreset } from './domain/policy/index.ts';
import type { DatabaseTimeouts } from './store/database.ts';

// Every setting the service reads from its environment. Defaults suit a developer's
// laptop; production sets DATABASE_URL and HOST. `.env.example` documents each one.
const EnvSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'address to listen on' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'port to listen on' }),
  DATABASE_URL: Type.Optional(
    Type.String({ pattern: '^postgres(ql)?://', description: 'a postgres:// URL; unset means the embedded PGlite database' }),
  ),
  DATABASE_POOL_MAX: Type.Integer({ default: 10, minimum: 1, maximum: 200, description: 'connections in the pg pool' }),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ default: 2000, minimum: 100, maximum: 60000, description: 'longest wait for a database connection before answering 503' }),
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ default: 15000, minimum: 100, maximum: 600000, description: 'longest SQL statement (statement_timeout)' }),
  DATABASE_REPORT_STATEMENT_TIMEOUT_MS: Type.Integer({ default: 60000, minimum: 100, maximum: 600000, description: 'longest SQL statement of a report' }),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: Type.Integer({
    default: 30000,
    minimum: 100,
    maximum: 600000,
    description: 'longest idle time inside a transaction (idle_in_transaction_session_timeout)',
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({ default: 30000, minimum: 100, maximum: 600000, description: 'longest time to receive a request body; slower ones get 408' }),
  IMPORT_UPLOAD_IDLE_MS: Type.Integer({ default: 900000, minimum: 1000, maximum: 86400000, description: 'an import upload that stores nothing for this long (its instance died) is marked failed' }),
  DATA_DIR: Type.String({ default: './data', minLength: 1, description: 'embedded database directory' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'one of fatal, error, warn, info, debug, trace, silent' },
  ),
  BODY_LIMIT_BYTES: Type.Integer({ default: 262144, minimum: 1024, maximum: 10485760, description: 'largest request body in bytes' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ default: 10000, minimum: 100, maximum: 120000, description: 'longest graceful shutdown' }),
  TRUST_PROXY: Type.Boolean({ default: false, description: 'true behind a load balancer that sets X-Forwarded-For' }),
  INTAKE_LIMIT_PER_KEY_PER_MINUTE: Type.Integer({ default: 120, minimum: 1, maximum: 100000, description: 'public form submissions per key per minute' }),
  INTAKE_LIMIT_PER_ADDRESS_PER_MINUTE: Type.Integer({ default: 10, minimum: 1, maximum: 100000, description: 'public form submissions per client address per minute' }),
  SWEEP_INTERVAL_SECONDS: Type.Integer({
    default: 300,
    minimum: 0,
    maximum: 86400,
    description: 'seconds between SLA sweeps (auto-close, due-soon and breach events); 0 disables the sweep in this process',
  }),
  EVENTS_RETENTION_DAYS: Type.Integer({ default: 90, minimum: 90, maximum: 3650, description: 'days the change feed keeps events (at least 90)' }),
  WEBHOOK_SECRET_KEY: Type.Optional(
    Type.String({ minLength: 44, maxLength: 64, description: '32 bytes, base64 or hex: seals webhook signing secrets; unset on PGlite means a key file in DATA_DIR' }),
  ),
  WEBHOOKS_ALLOW_HTTP_LOOPBACK: Type.Boolean({ default: false, description: 'true lets webhooks go over http to loopback hosts (development and tests only)' }),
  WEBHOOKS_ALLOWED_CIDRS: Type.String({ default: '', maxLength: 2000, description: 'comma-separated CIDRs webhooks may reach although private, e.g. 10.1.2.0/24' }),
  WEBHOOK_WORKER_INTERVAL_MS: Type.Integer({ default: 250, minimum: 0, maximum: 60000, description: 'ms between webhook delivery polls when idle; 0 runs no delivery worker here' }),
  METRICS_TOKEN: Type.Optional(
    Type.String({ minLength: 16, maxLength: 200, pattern: '^\\S+$', description: 'at least 16 characters, no spaces: GET /metrics on PORT needs "Authorization: Bearer <it>"; unset serves metrics only on 127.0.0.1:METRICS_PORT' }),
  ),
  METRICS_PORT: Type.Integer({ default: 9464, minimum: 0, maximum: 65535, description: 'port on 127.0.0.1 serving GET /metrics when METRICS_TOKEN is unset; 0 serves none' }),
  METRICS_SLA_INTERVAL_SECONDS: Type.Integer({ default: 30, minimum: 1, maximum: 3600, description: 'seconds the SLA gauges of /metrics are reused before their queries run again' }),
  DEMO_BOOTSTRAP: Type.Boolean({
    default: true,
    description: 'on an empty embedded database, create a demo organisation and print an admin key',
  }),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly database:
    | { readonly kind: 'postgres'; readonly url: string; readonly poolMax: number; readonly timeouts: DatabaseTimeouts }
    | { readonly kind: 'pglite'; readonly dataDir: string };
  /** Longest time to receive a request's body. */
  readonly requestTimeoutMs: number;
  readonly importUploadIdleMs: number;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly trustProxy: boolean;
  readonly demoBootstrap: boolean;
  readonly intakeLimits: { readonly perKeyPerMinute: number; readonly perAddressPerMinute: number };
  /** 0: no sweep in this process. */
  readonly sweepIntervalSeconds: number;
  readonly eventRetentionDays: number;
  readonly webhooks: {
    readonly secretKey: string | undefined;
    readonly allowHttpLoopback: boolean;
    readonly allowedCidrs: readonly string[];
    /** 0: no delivery worker in this process. */
    readonly workerIntervalMs: number;
  };
  readonly metrics: {
    /** Set: /metrics on the API's port with this bearer token. Unset: only on 127.0.0.1:port. */
    readonly token: string | undefined;
    /** 0: no localhost metrics listener. */
    readonly port: number;
    readonly slaIntervalSeconds: number;
  };
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, known));
  const firstError = Value.Errors(EnvSchema, converted).First();
  if (firstError) {
    const name = firstError.path.replace(/^\//, '');
    const schema = EnvSchema.properties[name as keyof Env] as { description?: string } | undefined;
    const allowed = schema?.description ?? firstError.message;
    throw new ConfigError(`Invalid configuration: ${name}=${JSON.stringify(env[name] ?? "")} is not allowed; expected ${allowed} (${firstError.message})`);
  }
  const e = converted as Env;
  for (const cidr of e.WEBHOOKS_ALLOWED_CIDRS.split(',').map((c) => c.trim()).filter(Boolean)) {
    if (!/^[0-9a-f.:]+\/\d{1,3}$/i.test(cidr)) throw new ConfigError(`Invalid configuration: WEBHOOKS_ALLOWED_CIDRS has ${JSON.stringify(cidr)}; expected CIDRs such as 10.1.2.0/24`);
  }
  const config: Config = {
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          timeouts: {
            connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
            statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
            idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
            reportStatementMs: e.DATABASE_REPORT_STATEMENT_TIMEOUT_MS,
          },
        }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    importUploadIdleMs: e.IMPORT_UPLOAD_IDLE_MS,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    demoBootstrap: e.DEMO_BOOTSTRAP,
    intakeLimits: { perKeyPerMinute: e.INTAKE_LIMIT_PER_KEY_PER_MINUTE, perAddressPerMinute: e.INTAKE_LIMIT_PER_ADDRESS_PER_MINUTE },
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    eventRetentionDays: e.EVENTS_RETENTION_DAYS,
    webhooks: {
      secretKey: e.WEBHOOK_SECRET_KEY,
      allowHttpLoopback: e.WEBHOOKS_ALLOW_HTTP_LOOPBACK,
      allowedCidrs: e.WEBHOOKS_ALLOWED_CIDRS.split(',').map((c) => c.trim()).filter(Boolean),
      workerIntervalMs: e.WEBHOOK_WORKER_INTERVAL_MS,
    },
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, slaIntervalSeconds: e.METRICS_SLA_INTERVAL_SECONDS },
  };
  return Object.freeze(config);
}

const BANK_HOLIDAYS = new URL('../config/bank-holidays/bank-holidays.json', import.meta.url);

/** The shipped GOV.UK bank-holiday feed, validated; a broken file stops start-up. */
export function loadBankHolidayFeed(path: URL | string = BANK_HOLIDAYS): BankHolidayFeed {
  return validateBankHolidayFeed(JSON.parse(readFileSync(path, 'utf8')));
}

const POLICY_PRESETS = new URL('../config/policy-presets/', import.meta.url);

/** The shipped policy presets (one JSON file each), checked; a broken one stops start-up. */
export function loadPolicyPresets(directory: URL = POLICY_PRESETS): PolicyPreset[] {
  const files = readdirSync(directory).filter((f) => f.endsWith('.json')).sort();
  return presetsFrom(files.map((f) => JSON.parse(readFileSync(new URL(f, directory), 'utf8')) as unknown));
}
