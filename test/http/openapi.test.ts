import { readFileSync } from 'node:fs';
import t from 'tap';
import { renderOpenApiDocument } from '../../src/bin/openapi-document.ts';
import { buildTestApp } from '../helpers/test-app.ts';

type Operation = { responses: Record<string, unknown>; security?: unknown[]; description?: string };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

t.test('openapi/openapi.json is what the route schemas generate (run `npm run openapi:write`)', async (t) => {
  const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
  const generated = await renderOpenApiDocument();
  t.same(JSON.parse(committed), JSON.parse(generated), 'the committed document is stale: run npm run openapi:write');
});

t.test('every operation documents the statuses the shared machinery returns', async (t) => {
  const document = JSON.parse(await renderOpenApiDocument()) as Document;
  t.equal(document.openapi, '3.1.0');
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const statuses = Object.keys(operation.responses);
      t.ok(statuses.includes('500'), `${method} ${path} documents 500`);
      if (path.startsWith('/v1/')) {
        t.ok(statuses.includes('401') && statuses.includes('403'), `${method} ${path} documents 401 and 403`);
        t.ok(operation.security?.length, `${method} ${path} names its security`);
        t.match(operation.description, /Requires the `[a-z:]+` scope/, `${method} ${path} names its scope`);
      }
    }
  }
});

t.test('the document is served and the docs UI works without a network', async (t) => {
  const { app } = await buildTestApp(t);
  const served = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(served.statusCode, 200);
  t.equal(served.json().openapi, '3.1.0');
  const page = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(page.statusCode, 200);
  t.match(page.body, /swagger-ui/);
  t.notMatch(page.body, /https?:\/\/(?!localhost)[a-z0-9.-]+\/[^"']*\.(js|css)/, 'no asset comes from a CDN');
  const script = /src="\.\/([^"]+\.js)"/.exec(page.body)?.[1];
  t.ok(script, 'the page loads a local script');
  const asset = await app.inject({ method: 'GET', url: `/docs/${script}` });
  t.equal(asset.statusCode, 200, 'the script is served locally');
});
