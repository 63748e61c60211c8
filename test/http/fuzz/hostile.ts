import fc from 'fast-check';

// What a careless or hostile client sends: the fuzzer's invalid values, wherever they go.

const BIG = (n: number, unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Text a resident might paste, or an attacker might type. */
const TRICKY_TEXT = [
  '', ' ', '\t', '\u0000', 'a\u0000b', 'Zoë\u0000', '\\u0000', '%00', 'null', 'undefined', 'true', 'NaN', 'Infinity', '-Infinity',
  "' OR '1'='1", "'; DROP TABLE complaints; --", '1; SELECT pg_sleep(5)', "Robert'); DELETE FROM api_keys;--", '$1', '::uuid', "E'\\\\'",
  '%', '_', '\\', '%\\_', '\\\\', '<script>alert(1)</script>', '{{7*7}}', '${7*7}', '../../etc/passwd', 'a\r\nX-Injected: 1',
  '\ufeff', '\u202eevil', '\u200b', 'e\u0301', '👩‍👩‍👧‍👦', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'ﷺ', '\ud800', '\udfff', 'x\ud83d', '\uffff', '\u0085', '\u2028',
  'Ωmega Ñandú 中文 العربية', '１２３', '٣', '-0', '0x10', '1e3', '1_000', ' 1', '1 ', '9007199254740993', '1e309', '-1e309',
];

/** Dates and times that look right and are not, or are right but at the edges. */
const TRICKY_TIMES = [
  '2025-02-30', '2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-01-01', '0001-01-01', '1899-12-31',
  '9999-12-31', '2026-1-5', '26-11-23', '2026/11/23', '2026-11-23Z', '+275760-09-13', '2026-W48-1', '24:00', '23:60', '-1:00',
  '2026-11-23T24:00:00Z', '2026-11-23T23:59:60Z', '2026-12-31T23:59:60Z', '2026-11-23 10:00:00Z', '2026-11-23t10:00:00z',
  '2026-11-23T10:00:00', '2026-11-23T10:00:00+24:00', '2026-11-23T10:00:00+23:59', '2026-11-23T10:00:00.123456789Z',
  '2026-11-23T10:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '2026-02-30T10:00:00Z',
  '2026-03-29T01:30:00Z', '2026-10-25T01:30:00+01:00',
];

/** Identifiers that are nearly UUIDs, or UUIDs nobody has. */
const TRICKY_IDS = [
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-4000-8000-00000000000',
  '00000000-0000-4000-8000-0000000000000', '00000000000040008000000000000000', '{00000000-0000-4000-8000-000000000000}',
  'urn:uuid:00000000-0000-4000-8000-000000000000', '------------------------------------', 'g0000000-0000-4000-8000-000000000000',
  'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '0', '-1', 'CMP-2026-000001', 'CMP-2026-', 'cmp-2026-000001', 'r1', 'a1', 'r0', 'a999999999999',
];

/** Cursors: garbage, garbage that decodes, and well-formed JSON holding the wrong things. */
const cursorParts = fc.constantFrom<unknown>(
  '2026-11-20T09:30:00.000Z', '2025-02-30T00:00:00Z', '0', 'Tue', '275760-09-13', '2026-99-99', '------------------------------------',
  '00000000-0000-4000-8000-000000000000', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '0000-01-01', '2026-02-30', '9999-12-31', '2026-11-23T24:00:00Z', 1, -1, 0, 1e300, 2 ** 53, 2 ** 31, -(2 ** 53) + 1, 1.5, null, true, [], {}, 'stage_1_response', '\u0000',
);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
export const hostileCursor: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'nonsense', '%', '====', 'W10', 'bnVsbA', 'e30', b64('[]'), b64('[null,null]'), b64('{"receivedAt":"x"}'), b64('"x"'), b64('\u0000')),
  fc.base64String({ maxLength: 120 }),
  fc.array(cursorParts, { minLength: 1, maxLength: 6 }).map((parts) => b64(JSON.stringify(parts))),
  fc.array(cursorParts, { minLength: 1, maxLength: 6 }).map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64')),
);

/** A cursor this API really gave, with one element of its key replaced: it decodes, so the key's checks are all that stand before the database. */
export const tamperedCursor = (real: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...real), fc.nat(), cursorParts).map(([cursor, at, part]) => {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    key[at % key.length] = part;
    return b64(JSON.stringify(key));
  });

/** UTF-16 code units at random: lone surrogates, controls and NULs included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_TIMES) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_IDS) },
  { weight: 1, arbitrary: hostileCursor },
  { weight: 2, arbitrary: codeUnits },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(201, 256, 1001, 5000, 20_000, 100_000), fc.constantFrom('x', 'é', '𝔘', '\u0000', "'")).map(([n, u]) => BIG(n, u)) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...TRICKY_TEXT), fc.string({ maxLength: 8 })).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(([a, b]) => `${a}\u0000${b}`) },
);

/** A number written as JSON text (or not quite JSON): overflowing, underflowing, huge, negative zero. */
export const RAW_NUMBERS = ['1e309', '-1e309', '1e-400', '-0', '0.0', '1.5', '1E2', '123456789012345678901234567890', '9007199254740993', '2147483648', '-2147483649', '1e21'];

/** A value of some other type than expected, as it would arrive in a JSON body. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e21, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, [], [null], [[]], {}, { a: 1 }, { $gt: '' }, ['x', 1]),
  },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((raw) => new RawJson(raw)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom<unknown>('x', 1, null, {}), { minLength: 100, maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 2000 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown) },
);

/** Text placed in a JSON body verbatim, for numbers JSON.stringify cannot write. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Query parameter values: hostile strings, non-finite and odd numbers, booleans spelt wrong. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom('Infinity', '-Infinity', 'NaN', '1e309', '-1e309', '1e3', '1.5', '-1', '0', '00001', '1e-7', '0x1F', '9999999999999999999999', '2147483648', 'TRUE', 'yes', '1,2', '[]', '{}') },
  { weight: 1, arbitrary: hostileCursor },
);

/** Keys added to objects that declare none. */
export const extraKey = fc.constantFrom('extra', 'id', 'organisationId', 'version', '__proto__', 'constructor', 'prototype', '', ' ', 'a\u0000b', 'x'.repeat(1000), '$where', 'toString');

/** Percent-encoding that is itself broken, as it would appear raw in a URL. */
export const brokenEncoding = fc.constantFrom('%', '%zz', '%0', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF', '%00', '%2F', '%5C', '%25', '%20', '%0A', '~', '%u0041');

/** Content types a client might wrongly send a JSON body with (undefined: none at all). */
export const wrongContentType = fc.constantFrom<string | undefined>(
  undefined, 'text/plain', 'text/plain; charset=utf-8', 'application/xml', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json;',
  'application/jsonp', 'application/json-patch+json', 'application/merge-patch+json', 'application/problem+json', 'application/vnd.api+json',
  '*/*', 'application/*', 'application', 'json', '', ';', 'application/json, text/plain', 'application/json; boundary=', 'text/json',
);

/** Bodies that are not JSON, or are JSON of the wrong kind. */
export const malformedJson = fc.constantFrom(
  '{', '}', '{"a":}', '{"a" 1}', "{'a':1}", '[1,]', '{"a":1,}', 'nul', 'undefined', 'NaN', '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}', '\ufeff{}',
  '{"a":"\\u00"}', '{"a":"\\ud800"}', '"\\u0000"', '{"a":"\\u0000"}', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '[]',
  '"a string"', '123', '1e309', 'null', 'true', '{}{}', ' ', '\n', '{"a":1,"a":2}', '{"a":01}', '{"a":.5}', '{"a":+1}', '{"a":0x10}', '{"a":"\t"}',
  '['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000), '\u0000', '{"a":1}\u0000', '{"a":1} trailing', '/* c */ {}',
);

/** Header values a client can really send: field-value characters only, trimmed as the wire parser would. */
export const asHeaderValue = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').trim();

/** Stands for the current ETag of the resource a request writes; the runner reads it just before sending. */
export const CURRENT_ETAG = '{{current-etag}}';

export const hostileIfMatch = fc.oneof(
  // Weak tags of versions resources really have: If-Match compares strongly, so none may match.
  fc.tuple(fc.constantFrom('W/', 'w/'), fc.integer({ min: 1, max: 8 })).map(([w, n]) => `${w}"${n}"`),
  fc.integer({ min: 1, max: 40 }).map((n) => Array.from({ length: n }, (_, i) => `W/"${i + 1}"`).join(', ')),
  // The resource's current ETag, weakened (see CURRENT_ETAG): a weak tag must not match even then.
  fc.constantFrom(`W/${CURRENT_ETAG}`, `w/${CURRENT_ETAG}`, `W/${CURRENT_ETAG}, W/"1"`),
  // Versions past any integer column.
  fc.constantFrom('"99999999999999999999"', '"2147483648"', '"9007199254740993"', '"1e999"', `"${'9'.repeat(400)}"`),
  fc.constantFrom('*', '"1"', 'W/"1"', 'w/"1"', '"99999999999999999999"', '"0"', '"-1"', '"1.5"', '"1e3"', '"01"', '"1", "2"', '"1",,"2"', '""', '"', '1', 'W/', '"1" "2"', ', ', '*, "1"', '"2147483648"', '"\x7f"', '"é"', 'W/"99999999999999999999"', '"1"W/"2"'),
  hostileString.map(asHeaderValue),
);
