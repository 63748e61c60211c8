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

/**
 * A URL with every query value replaced: searches carry residents' names and emails
 * (`?q=…`, `?handler=…`), so only the parameter names are logged.
 */
export function redactQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0] ?? ''}=[redacted]`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

const serializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: redactQuery(req.url ?? ''),
    host: req.host ?? req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, serializers, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
