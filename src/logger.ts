import { pino, type DestinationStream, type Logger } from 'pino';

// Secrets and residents' personal data never reach the logs, at whatever depth a
// serializer or a careless log call puts them.
const PERSONAL_FIELDS = ['name', 'fullName', 'email', 'phone', 'telephone', 'address', 'postcode', 'dateOfBirth', 'secret'];
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.headers.authorization',
  ...PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
