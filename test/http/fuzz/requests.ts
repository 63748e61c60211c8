import fc from 'fast-check';
import type { Operation } from '../openapi-validator.ts';
import {
  asHeaderValue, brokenEncoding, CURRENT_ETAG, extraKey, hostileIfMatch, hostileQueryValue, hostileString, hostileValue, malformedJson, RawJson, tamperedCursor, wrongContentType,
} from './hostile.ts';
import type { Json, SchemaValues } from './schema-values.ts';

// One operation of the document becomes an arbitrary of HTTP requests: valid ones built from
// its schemas, and each kind of damage applied to a valid one (a field dropped, added or
// replaced by a hostile value; a broken body or content type; hostile path, query and header
// values; no key or the wrong key; a method the path does not have).

export interface FuzzRequest {
  /** `METHOD /path/{template}` of the document's operation this request was built from. */
  operation: string;
  /** What was done to it: `valid`, `body.drop`, `query.replace`, `method`… */
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** Why no success may answer this request, when something in it must be refused. */
  mustFail?: string;
  /** The one status it must answer with (after authentication), when the document's rules fix it. */
  mustAnswer?: number;
}

export interface Credentials {
  /** The headers of a key holding every scope. */
  all: Record<string, string>;
  /** Headers of keys holding one scope each. */
  others: Record<string, string>[];
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes every byte but the unreserved ones, as a careful client does (lone surrogates become U+FFFD). */
export const encode = (value: string): string =>
  Array.from(Buffer.from(value, 'utf8'), (b) => (UNRESERVED.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const scalar = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** JSON text of `body`, with RawJson values written verbatim (1e309, -0, 30-digit integers). */
export function toJsonText(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => (value instanceof RawJson ? `\u0001raw${raws.push(value.text) - 1}\u0001` : value));
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_, i: string) => raws[Number(i)]!);
}

type Container = Record<string, unknown> | unknown[];
/** Every place inside `value` that holds a value: [container, key]. */
function slotsOf(value: unknown, out: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slotsOf(v, out);
    });
  } else if (value !== null && typeof value === 'object' && !(value instanceof RawJson)) {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slotsOf(v, out);
    }
  }
  return out;
}
const objectsOf = (value: unknown): Record<string, unknown>[] =>
  [value, ...slotsOf(value).map(([c, k]) => (c as Record<string, unknown>)[k as string])].filter(
    (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawJson),
  );
const setOwn = (o: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

interface Base {
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
}
type Damage = (base: Base, request: Draft) => void;
interface Draft {
  kind: string;
  method: string;
  auth: Record<string, string>;
  rawPath: Record<string, string>;
  rawQuery: string[];
  payload: string | undefined;
  contentType: string | undefined;
}

export function requestsFor(method: string, path: string, op: Operation, pathMethods: string[], values: SchemaValues, credentials: Credentials): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const of = (schema: Json | undefined, name: string) => values.of(schema ?? { type: 'string' }, name);
  const inPath = params.filter((p) => p.in === 'path');
  const inQuery = params.filter((p) => p.in === 'query');
  const inHeader = params.filter((p) => p.in === 'header');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;

  const optional = <T>(name: string, required: boolean | undefined, arb: fc.Arbitrary<T>) =>
    required
      ? arb.map((v): [string, T][] => [[name, v]])
      : fc.oneof({ weight: 3, arbitrary: fc.constant<[string, T][]>([]) }, { weight: 2, arbitrary: arb.map((v): [string, T][] => [[name, v]]) });
  const base: fc.Arbitrary<Base> = fc.record({
    path: fc.record(Object.fromEntries(inPath.map((p) => [p.name, of(p.schema, p.name).map(scalar)]))),
    query: fc.tuple(...inQuery.map((p) => optional(p.name, p.required, of(p.schema, p.name).map(scalar)))).map((parts) => parts.flat()),
    headers: fc.tuple(...inHeader.map((p) => optional(p.name, p.required, of(p.schema, p.name).map((v) => asHeaderValue(scalar(v)))))).map((parts) => Object.fromEntries(parts.flat())),
    body: bodySchema ? values.of(bodySchema) : fc.constant(undefined),
  });

  const pick = <T>(list: T[], at: number): T | undefined => (list.length ? list[at % list.length] : undefined);
  const damages: { weight: number; arbitrary: fc.Arbitrary<Damage> }[] = [
    { weight: 1, arbitrary: fc.constant<Damage>((_, r) => void (r.kind = 'valid')) },
    { weight: 1, arbitrary: fc.constantFrom(...credentialVariants(credentials)).map<Damage>((auth) => (_, r) => void ((r.kind = 'auth'), (r.auth = auth))) },
    { weight: 1, arbitrary: fc.constantFrom(...METHODS.filter((m) => !pathMethods.includes(m))).map<Damage>((m) => (_, r) => void ((r.kind = 'method'), (r.method = m))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('x-request-id', 'accept', 'if-match', 'idempotency-key', 'origin', 'accept-charset', 'content-language'), fc.oneof(hostileIfMatch, hostileString.map(asHeaderValue), fc.constantFrom('text/csv', 'application/xml', 'text/html;q=0.9, */*;q=0.1', 'application/problem+json', '*/*', 'text/*', 'application/json;q=0')))
      .map<Damage>(([name, value]) => (b, r) => void ((r.kind = `header.${name}`), (b.headers[name] = value))) },
  ];
  if (inHeader.length) {
    damages.push({ weight: 3, arbitrary: fc.tuple(fc.nat(), fc.oneof({ weight: 3, arbitrary: hostileIfMatch }, { weight: 1, arbitrary: hostileString.map(asHeaderValue) })).map<Damage>(([at, value]) => (b, r) => {
      const name = pick(inHeader, at)!.name;
      r.kind = `header.${name}`;
      b.headers[name] = value;
    }) });
  }
  if (inPath.length) {
    damages.push(
      { weight: 3, arbitrary: fc.tuple(fc.nat(), fc.oneof(hostileString, fc.constantFrom(10, 101, 200, 1000, 10_000).map((n) => 'a'.repeat(n)))).map<Damage>(([at, value]) => (b, r) => {
        r.kind = 'path.replace';
        b.path[pick(inPath, at)!.name] = value;
      }) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), brokenEncoding).map<Damage>(([at, raw]) => (_, r) => {
        r.kind = 'path.encoding';
        r.rawPath[pick(inPath, at)!.name] = raw;
      }) },
    );
  }
  const queryNames = inQuery.map((p) => p.name);
  damages.push(
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('foo', 'LIMIT', 'offset', 'page', 'sort', '__proto__', 'constructor', 'q[]', 'a[b]', '', '%00', ...queryNames.map((n) => `${n} `)), hostileQueryValue)
      .map<Damage>(([name, value]) => (b, r) => void ((r.kind = 'query.unknown'), b.query.push([name, value]))) },
  );
  if (inQuery.length) {
    damages.push(
      { weight: 4, arbitrary: fc.tuple(fc.nat(), hostileQueryValue).map<Damage>(([at, value]) => (b, r) => {
        const name = pick(queryNames, at)!;
        r.kind = 'query.replace';
        b.query = [...b.query.filter(([n]) => n !== name), [name, value]];
      }) },
      { weight: 1, arbitrary: fc.nat().map<Damage>((at) => (b, r) => {
        r.kind = 'query.drop';
        b.query = b.query.filter((_, i) => i !== at % Math.max(b.query.length, 1));
      }) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.oneof(hostileQueryValue, fc.constant('1'))).map<Damage>(([at, value]) => (b, r) => {
        r.kind = 'query.repeat';
        const name = pick(queryNames, at)!;
        b.query.push([name, value], [name, value]);
      }) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), brokenEncoding).map<Damage>(([at, raw]) => (b, r) => {
        r.kind = 'query.encoding';
        const name = pick(queryNames, at)!;
        b.query = b.query.filter(([n]) => n !== name);
        r.rawQuery.push(`${encode(name)}=${raw}`);
      }) },
    );
  }
  const cursors = values.hint('cursor').filter((c): c is string => typeof c === 'string');
  if (queryNames.includes('cursor') && cursors.length) {
    damages.push({ weight: 2, arbitrary: tamperedCursor(cursors).map<Damage>((cursor) => (b, r) => {
      r.kind = 'query.cursor';
      b.query = [...b.query.filter(([n]) => n !== 'cursor'), ['cursor', cursor]];
    }) });
  }
  if (bodySchema) {
    damages.push(
      { weight: 3, arbitrary: fc.tuple(fc.nat(), hostileValue).map<Damage>(([at, value]) => (b, r) => {
        r.kind = 'body.replace';
        const slot = pick(slotsOf(b.body), at);
        if (slot) (slot[0] as Record<string | number, unknown>)[slot[1]] = value;
        else b.body = value;
      }) },
      { weight: 3, arbitrary: fc.tuple(fc.nat(), hostileString).map<Damage>(([at, value]) => (b, r) => {
        // Text where text belongs, so the rest of the body stays valid and the text reaches the database.
        r.kind = 'body.text';
        const slot = pick(slotsOf(b.body).filter(([c, k]) => typeof (c as Record<string | number, unknown>)[k] === 'string'), at);
        if (slot) (slot[0] as Record<string | number, unknown>)[slot[1]] = value;
      }) },
      { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.nat()).map<Damage>(([at, where]) => (b, r) => {
        // A NUL pasted into otherwise valid text: the resident's words, which must be refused, not stored or altered.
        r.kind = 'body.nul';
        const slot = pick(slotsOf(b.body).filter(([c, k]) => typeof (c as Record<string | number, unknown>)[k] === 'string'), at);
        if (!slot) return;
        const text = (slot[0] as Record<string | number, string>)[slot[1]]!;
        const i = where % (text.length + 1);
        (slot[0] as Record<string | number, unknown>)[slot[1]] = `${text.slice(0, i)}\u0000${text.slice(i)}`;
      }) },
      { weight: 2, arbitrary: fc.nat().map<Damage>((at) => (b, r) => {
        r.kind = 'body.drop';
        const slot = pick(slotsOf(b.body).filter(([c]) => !Array.isArray(c)), at);
        if (slot) delete (slot[0] as Record<string, unknown>)[slot[1] as string];
      }) },
      { weight: 2, arbitrary: fc.tuple(fc.nat(), extraKey, fc.oneof(hostileValue, fc.constant('x'))).map<Damage>(([at, key, value]) => (b, r) => {
        r.kind = 'body.extra';
        const target = pick(objectsOf(b.body), at);
        if (target) setOwn(target, key, value);
      }) },
      { weight: 2, arbitrary: malformedJson.map<Damage>((text) => (_, r) => void ((r.kind = 'body.malformed'), (r.payload = text))) },
      { weight: 2, arbitrary: wrongContentType.map<Damage>((type) => (_, r) => void ((r.kind = 'body.content-type'), (r.contentType = type))) },
      { weight: 1, arbitrary: fc.constantFrom('none', 'none-typed', 'huge').map<Damage>((how) => (b, r) => {
        r.kind = `body.${how}`;
        if (how === 'huge') b.body = { ...(b.body as object), description: 'x'.repeat(300_000) };
        else r.payload = '';
        if (how === 'none') r.contentType = undefined;
      }) },
    );
  }

  // A third of the requests are valid, the rest damaged one way each.
  const valid = Math.ceil(damages.slice(1).reduce((sum, d) => sum + d.weight, 0) / 2);
  damages[0]!.weight = valid;
  return fc.tuple(base, fc.oneof(...damages)).map(([b, damage]) => {
    const draft: Draft = { kind: 'valid', method: method.toUpperCase(), auth: credentials.all, rawPath: {}, rawQuery: [], payload: undefined, contentType: bodySchema ? 'application/json' : undefined };
    const mutable: Base = structuredCloneKeepingRaw(b);
    damage(mutable, draft);
    const url =
      path.replace(/\{(\w+)\}/g, (_, name: string) => draft.rawPath[name] ?? encode(mutable.path[name] ?? '')) +
      (mutable.query.length || draft.rawQuery.length ? `?${[...mutable.query.map(([k, v]) => `${encode(k)}=${encode(v)}`), ...draft.rawQuery].join('&')}` : '');
    const payload = draft.payload ?? (bodySchema && mutable.body !== undefined ? toJsonText(mutable.body) : undefined);
    const headers: Record<string, string> = { ...draft.auth, ...mutable.headers, ...(draft.contentType !== undefined && payload !== undefined ? { 'content-type': draft.contentType } : {}) };
    const mustFail = refusable(mutable, queryNames, inHeader.some((p) => p.name === 'if-match'));
    const type = draft.contentType?.split(';')[0]!.trim().toLowerCase();
    const foreignType = payload && type && type !== 'application/json' && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type);
    return {
      operation: `${method.toUpperCase()} ${path}`, kind: draft.kind, method: draft.method, url, headers,
      ...(payload === undefined ? {} : { payload }), ...(mustFail ? { mustFail } : {}), ...(foreignType ? { mustAnswer: 415 } : {}),
    };
  });
}

const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : value !== null && typeof value === 'object' && !(value instanceof RawJson) && Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
const hasNonFinite = (value: unknown): boolean =>
  value instanceof RawJson ? !Number.isFinite(Number(value.text)) : value !== null && typeof value === 'object' && Object.values(value).some(hasNonFinite);
const STRONG_TAG = /(?:^|[\s,])"[^"]*"/;

/** What the request holds that RFC 9110 or issue 10 says must be refused, if anything. */
function refusable(b: Base, declaredQuery: string[], ifMatchDeclared: boolean): string | undefined {
  if (hasNul(b.body) || hasNul(b.path) || hasNul(b.query.filter(([n]) => declaredQuery.includes(n)).map(([, v]) => v))) return 'a NUL character';
  if (hasNonFinite(b.body)) return 'a non-finite number';
  const ifMatch = b.headers['if-match']?.replaceAll(CURRENT_ETAG, '"0"');
  if (ifMatchDeclared && ifMatch !== undefined && ifMatch.trim() !== '*' && !STRONG_TAG.test(ifMatch)) return 'an If-Match without a strong entity-tag';
  return undefined;
}

function credentialVariants(c: Credentials): Record<string, string>[] {
  const secret = c.all.authorization!.replace(/^Bearer /, '');
  return [
    {}, { authorization: '' }, { authorization: 'Bearer' }, { authorization: 'Bearer ' }, { authorization: 'Bearer cmpk_not_a_key' },
    { authorization: `bearer ${secret}` }, { authorization: `Bearer  ${secret}` }, { authorization: `Bearer ${secret}x` }, { authorization: `Bearer ${secret.slice(0, -1)}` },
    { authorization: `Basic ${Buffer.from(`x:${secret}`).toString('base64')}` }, { authorization: `Bearer ${secret}, Bearer ${secret}` }, { authorization: `Bearer ${'x'.repeat(10_000)}` },
    { authorization: "Bearer ' OR 1=1 --" }, { authorization: 'Bearer cmpk_\x80\xff' }, { 'x-api-key': secret },
    ...c.others,
  ];
}

/** A deep copy in which RawJson values stay RawJson (structuredClone would make them plain objects). */
function structuredCloneKeepingRaw<T>(value: T): T {
  if (value instanceof RawJson || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(structuredCloneKeepingRaw) as T;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(copy, k, structuredCloneKeepingRaw(v));
  return copy as T;
}
