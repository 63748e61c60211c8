import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';

// Checks answers against the committed OpenAPI document the way a schema validator or a
// generated client would: declared status, declared media type, body valid against the
// declared schema (JSON Schema 2020-12, formats included), declared headers present.
// `ajv` 8 and `ajv-formats` 3 are fastify's own dependencies, not declared in package.json.

type Json = Record<string, unknown>;
interface Header { schema?: Json }
interface ResponseObject { description?: string; headers?: Record<string, Header>; content?: Record<string, { schema?: Json }> }
interface Parameter { name: string; in: string; required?: boolean; schema?: Json }
export interface Operation {
  operationId?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  info: { title?: string; version?: string };
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const COMPONENT = '#/components/schemas/';
const urnOf = (name: string) => `urn:openapi:schemas:${name}`;
/** Headers a client acts on: it must learn of them from the document. */
const CONTRACT_HEADERS = ['etag', 'location', 'retry-after', 'idempotent-replayed'];
/** Declared headers that only some answers carry (a replay); every other declared header must be sent. */
const CONDITIONAL_HEADERS = ['idempotent-replayed'];

export const readOpenApiDocument = (): OpenApiDocument =>
  JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;

export function operationsOf(doc: OpenApiDocument): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ method, path, op })),
  );
}

/** `#/components/schemas/X` becomes a URN Ajv knows; any other $ref is left to fail compilation. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT) ? urnOf(v.slice(COMPONENT.length)) : rewriteRefs(v)]),
  );
}

export class OpenApiConformance {
  /** `METHOD path status` of every answer checked. */
  readonly seen = new Set<string>();
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDocument) {
    addFormats.default(this.ajv);
    // The OpenAPI 3.1 dialect's own keywords, annotations only.
    this.ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
    for (const [name, schema] of Object.entries(doc.components.schemas)) this.ajv.addSchema(rewriteRefs(schema) as Json, urnOf(name));
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile(rewriteRefs(schema) as Json)));
    return validate;
  }

  private errorsOf(key: string, schema: Json, value: unknown): string | undefined {
    const validate = this.validator(key, schema);
    return validate(value) ? undefined : this.ajv.errorsText(validate.errors, { dataVar: 'body' });
  }

  /** Every way the answer departs from the document, as sentences; empty when it conforms. */
  check(method: string, path: string, res: LightMyRequestResponse): string[] {
    const label = `${method.toUpperCase()} ${path} ${res.statusCode}`;
    this.seen.add(label);
    const op = this.doc.paths[path]?.[method];
    if (!op) return [`${label}: the operation is not in the document`];
    const declared = op.responses[String(res.statusCode)] ?? op.responses[`${String(res.statusCode)[0]}XX`] ?? op.responses.default;
    if (!declared) return [`${label}: status not declared (declared: ${Object.keys(op.responses).join(', ')})`];
    const problems: string[] = [];
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (!declared.content) {
      if (res.body !== '') problems.push(`${label}: a body of ${type} is sent but none is declared`);
    } else if (!declared.content[type]) {
      problems.push(`${label}: content type ${type || '(none)'} is not declared (declared: ${Object.keys(declared.content).join(', ')})`);
    } else {
      const schema = declared.content[type].schema;
      const body: unknown = type.endsWith('json') ? parseJson(res.body) : res.body;
      const errors = schema && this.errorsOf(`${label} ${type}`, schema, body);
      if (errors) problems.push(`${label}: body does not match the ${type} schema: ${errors}`);
    }
    for (const [name, header] of Object.entries(declared.headers ?? {})) {
      const value = res.headers[name.toLowerCase()];
      if (value === undefined) {
        if (!CONDITIONAL_HEADERS.includes(name.toLowerCase())) problems.push(`${label}: declared header ${name} is missing`);
      } else if (header.schema) {
        const errors = this.errorsOf(`${label} header ${name}`, header.schema, value);
        if (errors) problems.push(`${label}: header ${name} does not match its schema: ${errors}`);
      }
    }
    const declaredHeaders = Object.keys(declared.headers ?? {}).map((h) => h.toLowerCase());
    for (const name of CONTRACT_HEADERS) {
      if (res.headers[name] !== undefined && !declaredHeaders.includes(name)) problems.push(`${label}: header ${name} is sent but not declared`);
    }
    return problems;
  }

  /** Structural problems of the document itself, as far as checking them is cheap. */
  documentProblems(): string[] {
    const problems: string[] = [];
    const doc = this.doc;
    if (doc.openapi !== '3.1.0') problems.push(`openapi is ${doc.openapi}, not 3.1.0`);
    if (!doc.info.title || !doc.info.version) problems.push('info.title and info.version are required');
    const tags = new Set((doc.tags ?? []).map((t) => t.name));
    for (const name of Object.keys(doc.components.schemas)) {
      try {
        this.ajv.getSchema(urnOf(name));
      } catch (err) {
        problems.push(`components.schemas.${name}: not a valid JSON Schema 2020-12: ${(err as Error).message}`);
      }
    }
    const operationIds = new Map<string, string>();
    for (const { method, path, op } of operationsOf(doc)) {
      const label = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) problems.push(`${label}: no operationId`);
      else if (operationIds.has(op.operationId)) problems.push(`${label}: operationId ${op.operationId} is also ${operationIds.get(op.operationId)}'s`);
      else operationIds.set(op.operationId, label);
      for (const tag of op.tags ?? []) if (!tags.has(tag)) problems.push(`${label}: tag ${tag} is not declared`);
      for (const requirement of op.security ?? []) {
        for (const scheme of Object.keys(requirement)) if (!doc.components.securitySchemes[scheme]) problems.push(`${label}: unknown security scheme ${scheme}`);
      }
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const params = op.parameters ?? [];
      const inPath = params.filter((p) => p.in === 'path');
      for (const name of templated) {
        if (!inPath.some((p) => p.name === name && p.required === true)) problems.push(`${label}: path parameter ${name} is not declared as required`);
      }
      for (const p of inPath) if (!templated.includes(p.name)) problems.push(`${label}: path parameter ${p.name} is not in the path`);
      const keys = params.map((p) => `${p.in}:${p.name.toLowerCase()}`);
      if (new Set(keys).size !== keys.length) problems.push(`${label}: a parameter is declared twice`);
      if (!Object.keys(op.responses).some((s) => s.startsWith('2'))) problems.push(`${label}: no success response`);
      const schemas: [string, Json | undefined][] = [
        ...params.map((p): [string, Json | undefined] => [`parameter ${p.in} ${p.name}`, p.schema]),
        ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]): [string, Json | undefined] => [`request ${type}`, m.schema]),
      ];
      for (const [status, response] of Object.entries(op.responses)) {
        if (!response.description) problems.push(`${label} ${status}: no description`);
        if (/^[45]/.test(status) && !response.content?.['application/problem+json']) problems.push(`${label} ${status}: not application/problem+json`);
        for (const [type, media] of Object.entries(response.content ?? {})) schemas.push([`${status} ${type}`, media.schema]);
      }
      for (const [where, schema] of schemas) {
        try {
          if (schema) this.validator(`${label} ${where}`, schema);
        } catch (err) {
          problems.push(`${label} ${where}: not a valid JSON Schema 2020-12: ${(err as Error).message}`);
        }
      }
    }
    return problems;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol('not JSON');
  }
}
