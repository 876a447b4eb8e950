import { buildOpenApiDocument, openApiPath } from '../http/openapi';
import { API_FUNCTIONS } from './api-functions';
import { openapiFunction } from './openapi';

type Json = Record<string, unknown>;

const doc = buildOpenApiDocument([...API_FUNCTIONS, openapiFunction], 'test') as unknown as {
  openapi: string;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

function resolve(schema: Json): Json {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  return doc.components.schemas[ref.split('/').pop() as string] as Json;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route of every function', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const fn of [...API_FUNCTIONS, openapiFunction]) {
      for (const r of fn.routes) {
        expect(doc.paths[openApiPath(fn, r.path)]?.[r.method.toLowerCase()]).toBeDefined();
      }
    }
  });

  it('gives every request body an example that its own schema accepts', () => {
    const withBody = API_FUNCTIONS.flatMap((fn) => fn.routes.filter((r) => r.body).map((r) => ({ fn, r })));
    expect(withBody.length).toBeGreaterThan(0);
    for (const { fn, r } of withBody) {
      const op = doc.paths[openApiPath(fn, r.path)]?.[r.method.toLowerCase()] as Json;
      const body = (op['requestBody'] as { content: { 'application/json': { schema: Json } } }).content['application/json'];
      const example = resolve(body.schema)['example'];
      expect({ route: `${r.method} ${openApiPath(fn, r.path)}`, hasExample: example !== undefined }).toEqual({
        route: `${r.method} ${openApiPath(fn, r.path)}`,
        hasExample: true,
      });
      const parsed = r.body!.safeParse(example);
      expect({ route: `${r.method} ${r.path}`, ok: parsed.success, issues: parsed.error?.issues ?? [] }).toEqual({
        route: `${r.method} ${r.path}`,
        ok: true,
        issues: [],
      });
    }
  });

  it('documents a CSV download as text/csv, not JSON', () => {
    const ok = doc.paths['/api/statements/{customerId}/csv']?.['get']?.['responses'] as Record<string, { content: Json }>;
    expect(Object.keys(ok['200']?.content ?? {})).toEqual(['text/csv']);
    const json = doc.paths['/api/statements/{customerId}']?.['get']?.['responses'] as Record<string, { content: Json }>;
    expect(Object.keys(json['200']?.content ?? {})).toEqual(['application/json']);
  });

  it('marks public routes without security and protected ones with bearer auth', () => {
    expect(doc.paths['/api/auth/login']?.['post']?.['security']).toBeUndefined();
    expect(doc.paths['/api/auth/me']?.['get']?.['security']).toEqual([{ bearerAuth: [] }]);
  });
});
