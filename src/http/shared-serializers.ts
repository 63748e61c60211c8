import { SerializerSelector, type SerializerFactory, type Serializer } from '@fastify/fast-json-stringify-compiler';

// Fastify compiles a response serializer for every route and status, even when the schema
// is the same: the forty-odd routes that answer with a Complaint each held their own
// 250 KB of generated source and its compiled code, about 20 MB of the embedded server's
// heap at rest and a second of its start. One serializer per distinct schema is enough:
// fast-json-stringify's output depends only on the schema, the shared schemas it resolves
// references against and the serializer options, which together are the key. (Fastify asks
// for a new compiler for each route of a context that added schemas, so the cache is kept
// here rather than in each compiler.)

export function sharedSerializers(): SerializerFactory {
  const build = SerializerSelector();
  const bySetting = new Map<string, Map<string, Serializer>>();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    const setting = JSON.stringify([externalSchemas, options]);
    const compiled = bySetting.get(setting) ?? new Map<string, Serializer>();
    bySetting.set(setting, compiled);
    return (route) => {
      const key = JSON.stringify(route.schema);
      let serializer = compiled.get(key);
      if (!serializer) {
        serializer = compile(route);
        compiled.set(key, serializer);
      }
      return serializer;
    };
  };
}
