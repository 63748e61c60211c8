import Fastify from 'fastify';
import t from 'tap';
import { sharedSerializers } from '../../src/http/shared-serializers.ts';

const Item = { $id: 'Item', type: 'object', properties: { id: { type: 'string' }, n: { type: 'integer' } }, required: ['id'] };
const Other = { type: 'object', properties: { name: { type: 'string' } } };

t.test('routes that answer with the same schema share one serializer, and each still writes only its schema', async (t) => {
  const compiled: unknown[] = [];
  const factory = sharedSerializers();
  const app = Fastify({
    schemaController: {
      compilersFactory: {
        buildSerializer: (externalSchemas, options) => {
          const compile = factory(externalSchemas, options);
          return (route) => {
            const serializer = compile(route);
            compiled.push(serializer);
            return serializer;
          };
        },
      },
    },
  });
  app.addSchema(Item);
  const row = { id: 'a', n: 3, secret: 'never sent', name: 'x' };
  for (const path of ['/one', '/two', '/three']) app.get(path, { schema: { response: { 200: { $ref: 'Item' } } } }, async () => row);
  app.get('/other', { schema: { response: { 200: Other } } }, async () => row);
  await app.ready();
  t.teardown(() => app.close());

  t.equal(compiled.length, 8, 'asked once per route, GET and its HEAD');
  t.equal(new Set(compiled).size, 2, 'one serializer per distinct schema');
  for (const path of ['/one', '/two', '/three']) t.same((await app.inject(path)).json(), { id: 'a', n: 3 });
  t.same((await app.inject('/other')).json(), { name: 'x' });
});
