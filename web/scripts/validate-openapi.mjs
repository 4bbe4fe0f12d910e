// Validates the OpenAPI document the server serves (src/http/openapi.json, embedded at build time)
// with an independent validator, @apidevtools/swagger-parser: the schema of OpenAPI 3.0 and every
// $ref resolved. Client generators reject what it rejects. Run by `npm test` (make test).
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const path = fileURLToPath(new URL('../../src/http/openapi.json', import.meta.url));
const document = JSON.parse(await readFile(path, 'utf8'));
try {
  const api = await SwaggerParser.validate(document);
  const operations = Object.values(api.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`openapi: ${api.info.title} ${api.openapi} valid — ${Object.keys(api.paths).length} paths, ${operations} operations`);
} catch (error) {
  console.error(`openapi: src/http/openapi.json is not a valid OpenAPI document:\n${error.message}`);
  process.exit(1);
}
