import { writeFileSync } from 'node:fs';
import { renderOpenApiDocument } from './openapi-document.ts';

const target = new URL('../../openapi/openapi.json', import.meta.url);
writeFileSync(target, await renderOpenApiDocument());
process.stdout.write(`wrote ${target.pathname}\n`);
