import type { LightMyRequestResponse } from 'fastify';
import type { OpenApiConformance } from '../openapi-validator.ts';
import type { FuzzRequest } from './requests.ts';

// What every answer must be, whatever was asked: no 5xx; a status, media type, body and
// headers the document declares for the operation; errors as problem+json with a `code`;
// an X-Request-Id. A method the path does not have is 405 with Allow.

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Every way the answer to `request` is wrong, as sentences naming the operation and status. */
export function verdictOn(conformance: OpenApiConformance, request: FuzzRequest, res: LightMyRequestResponse): string[] {
  const [docMethod, path] = request.operation.split(' ') as [string, string];
  const label = `${request.method} ${path} ${res.statusCode}`;
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
  const body = parse(res.body) as { code?: unknown } | undefined;
  if (res.statusCode >= 500) problems.push(`${label}: a server error (${typeof body?.code === 'string' ? body.code : res.body.slice(0, 80)})`);
  if (!res.headers['x-request-id']) problems.push(`${label}: no X-Request-Id`);
  if (res.statusCode >= 400) {
    if (type !== 'application/problem+json') problems.push(`${label}: an error answered as ${type || '(no content type)'}, not application/problem+json`);
    else if (typeof body?.code !== 'string') problems.push(`${label}: a problem without a code`);
  }
  if (request.mustFail && res.statusCode < 300) problems.push(`${label}: a request with ${request.mustFail} succeeded`);
  // Authentication and the request line are judged before the body is read.
  if (request.mustAnswer && ![401, 403, 405, 413, 414, request.mustAnswer].includes(res.statusCode)) {
    problems.push(`${label}: a body of type ${request.headers['content-type']} answered ${res.statusCode}, not ${request.mustAnswer}`);
  }
  if (request.method !== docMethod.toUpperCase()) {
    if (res.statusCode !== 405) problems.push(`${label}: a method the path does not have answered ${res.statusCode}, not 405`);
    else if (!res.headers.allow) problems.push(`${label}: 405 without Allow`);
  } else {
    problems.push(...conformance.check(docMethod.toLowerCase(), path, res).filter((p) => !problems.includes(p)));
  }
  return problems;
}

export interface Failure {
  problem: string;
  count: number;
  operations: Set<string>;
  request: FuzzRequest;
  status: number;
  body: string;
  logged?: string;
}

export class Tally {
  requests = 0;
  readonly byClass: Record<string, number> = {};
  readonly byOperation = new Map<string, { requests: number; byClass: Record<string, number>; byStatus: Record<string, number> }>();
  readonly byKind: Record<string, number> = {};
  readonly failures = new Map<string, Failure>();

  count(request: FuzzRequest, status: number): void {
    const cls = `${String(status)[0]}xx`;
    this.requests++;
    this.byClass[cls] = (this.byClass[cls] ?? 0) + 1;
    const kind = request.kind.split('.')[0]!;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    const op = this.byOperation.get(request.operation) ?? { requests: 0, byClass: {}, byStatus: {} };
    op.requests++;
    op.byClass[cls] = (op.byClass[cls] ?? 0) + 1;
    op.byStatus[status] = (op.byStatus[status] ?? 0) + 1;
    this.byOperation.set(request.operation, op);
  }

  /**
   * Keeps the first request showing each distinct problem, whatever the operation (the
   * operation, the declared list, numbers and quoted values blurred), and where it was seen.
   */
  fail(problem: string, request: FuzzRequest, res: LightMyRequestResponse, logged: string | undefined): void {
    const [method, path] = request.operation.split(' ') as [string, string];
    const general = problem.replace(`${request.method} ${path} `, '').replace(`${method} ${path} `, '').replace(/\(declared: [^)]*\)/, '');
    const key = `${general} ${logged ?? ''}`.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 400);
    const seen = this.failures.get(key);
    if (seen) {
      seen.count++;
      seen.operations.add(request.operation);
    } else {
      this.failures.set(key, { problem, count: 1, operations: new Set([request.operation]), request, status: res.statusCode, body: res.body.slice(0, 400), ...(logged ? { logged } : {}) });
    }
  }
}

/** The request as a shell command, so a failure can be replayed against a running server. */
export function asCurl(request: FuzzRequest): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const short = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…(${s.length} chars)` : s);
  const headers = Object.entries(request.headers).map(([k, v]) => `-H ${quote(short(`${k}: ${k === 'authorization' ? v.replace(/cmpk_\S+/, 'cmpk_…') : v}`))}`);
  return ['curl', '-X', request.method, ...headers, ...(request.payload !== undefined ? ['--data-raw', quote(short(request.payload))] : []), quote(`http://localhost:3000${short(request.url)}`)].join(' ');
}
