import fc from 'fast-check';

// Values that satisfy a JSON Schema of the OpenAPI document, for the fuzzer's valid requests.
// Only the keywords the document uses are understood (type, enum, anyOf, $ref, format,
// pattern, lengths, bounds, items, properties, required); a schema using another keyword
// fails loudly, so a new construct in the document is noticed rather than fuzzed wrongly.

export type Json = Record<string, unknown>;

/** Values the fixtures created, offered for fields of these names so requests reach real rows. */
export type Hints = Record<string, readonly unknown[]>;

const KNOWN = new Set([
  'type', 'enum', 'anyOf', '$ref', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'items', 'minItems',
  'maxItems', 'uniqueItems', 'properties', 'required', 'additionalProperties', 'description', 'default', 'examples', 'example',
  '$id', 'title',
]);

const COMPONENT = '#/components/schemas/';

// Near the test clock (2026-11-23T10:00Z), so received dates, due dates and report years are plausible.
const instant = fc.date({ min: new Date('2026-11-14T00:00:00Z'), max: new Date('2026-11-23T09:59:59Z'), noInvalidDate: true });
const day = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const text = (min: number, max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: Math.max(min, 1), maxLength: Math.max(Math.min(max, 40), Math.max(min, 1)) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 20) }) },
  ).filter((s) => s.length >= min && s.length <= max);

const PATTERNS: Record<string, fc.Arbitrary<string>> = {
  '^\\d{2}:\\d{2}$': fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
};

export class SchemaValues {
  constructor(
    private readonly components: Record<string, Json>,
    private readonly hints: Hints,
  ) {}

  /** The fixtures' values for fields of this name. */
  hint(name: string): readonly unknown[] {
    return this.hints[name] ?? [];
  }

  /** An arbitrary of values valid against `schema`; `name` is the property or parameter it is for. */
  of(schema: Json, name?: string, depth = 0): fc.Arbitrary<unknown> {
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`the fuzzer does not understand the keyword ${key} (${name ?? 'value'})`);
    const plain = this.plain(schema, name, depth);
    const hinted = name !== undefined ? this.hints[name] : undefined;
    const examples = [...((schema.examples as unknown[] | undefined) ?? []), ...(schema.example !== undefined ? [schema.example] : [])];
    const extra = [...(hinted ?? []), ...examples];
    return extra.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...extra) }, { weight: 1, arbitrary: plain }) : plain;
  }

  private plain(schema: Json, name: string | undefined, depth: number): fc.Arbitrary<unknown> {
    if (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      const target = ref.startsWith(COMPONENT) ? this.components[ref.slice(COMPONENT.length)] : undefined;
      if (!target) throw new Error(`unresolvable $ref ${ref}`);
      return this.of(target, name, depth + 1);
    }
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as Json[]).map((s) => this.of(s, name, depth + 1)));
    switch (schema.type) {
      case 'string':
        return this.string(schema);
      case 'integer':
        return fc.integer({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 100_000 });
      case 'number':
        return fc.double({ min: (schema.minimum as number | undefined) ?? -1e6, max: (schema.maximum as number | undefined) ?? 1e6, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return this.array(schema, name, depth);
      case 'object':
        return this.object(schema, depth);
      default:
        throw new Error(`the fuzzer cannot generate a value of ${JSON.stringify(schema).slice(0, 200)}`);
    }
  }

  private string(schema: Json): fc.Arbitrary<string> {
    const min = (schema.minLength as number | undefined) ?? 0;
    const max = (schema.maxLength as number | undefined) ?? 200;
    const fits = (s: string) => s.length >= min && s.length <= max;
    switch (schema.format) {
      case 'uuid':
        return fc.uuid();
      case 'date-time':
        // Mostly the test clock's now: fixtures' events happen then, and nothing may come before them.
        return fc.oneof({ weight: 2, arbitrary: fc.constant('2026-11-23T10:00:00.000Z') }, { weight: 1, arbitrary: instant.map((d) => d.toISOString()) });
      case 'date':
        return day;
      case 'email':
        return fc.emailAddress().filter(fits);
      case 'uri':
        return fc.webUrl().filter(fits);
      case undefined:
        break;
      default:
        throw new Error(`the fuzzer does not know the format ${String(schema.format)}`);
    }
    if (typeof schema.pattern === 'string') {
      const known = PATTERNS[schema.pattern];
      return (known ?? fc.stringMatching(new RegExp(schema.pattern))).filter(fits);
    }
    return text(min, max);
  }

  private array(schema: Json, name: string | undefined, depth: number): fc.Arbitrary<unknown[]> {
    const items = this.of((schema.items as Json | undefined) ?? {}, name, depth + 1);
    const minLength = (schema.minItems as number | undefined) ?? 0;
    const maxLength = Math.min((schema.maxItems as number | undefined) ?? 3, minLength + 3);
    return schema.uniqueItems ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength });
  }

  private object(schema: Json, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties as Record<string, Json> | undefined) ?? {};
    const required = (schema.required as string[] | undefined) ?? [];
    // Deep optional parts are left out past a few levels, to keep requests small.
    const keys = Object.keys(properties).filter((k) => required.includes(k) || depth < 6);
    const model = Object.fromEntries(keys.map((k) => [k, this.of(properties[k]!, k, depth + 1)]));
    return fc.record(model, { requiredKeys: required.filter((k) => keys.includes(k)) });
  }
}
