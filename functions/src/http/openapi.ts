import { OpenApiGeneratorV31, OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from '../domain/schema';
import { mountOf, type HttpFunctionDef } from './endpoint';

const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'REQUEST.VALIDATION' }),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

/** `/:id/cancel` → `/{id}/cancel`, under the function's public prefix. */
export function openApiPath(fn: Pick<HttpFunctionDef, 'name' | 'mount'>, path: string): string {
  const rel = path === '/' ? '' : path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return `${mountOf(fn)}${rel}`;
}

/**
 * The OpenAPI 3.1 document, generated from the very schemas that validate requests, so the
 * document cannot drift from what the endpoints accept.
 */
export function buildOpenApiDocument(functions: readonly HttpFunctionDef[], version: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const fn of functions) {
    for (const r of fn.routes) {
      const isPublic = r.roles === 'public';
      const hasBody = r.body !== undefined;
      const success = r.docs.successStatus ?? 200;
      const config: RouteConfig = {
        method: r.method.toLowerCase() as RouteConfig['method'],
        path: openApiPath(fn, r.path),
        tags: [fn.name],
        summary: r.docs.summary,
        description: [r.docs.description, isPublic ? 'Public.' : `Roles: ${(r.roles as readonly string[]).join(', ')}.`]
          .filter(Boolean)
          .join(' '),
        ...(isPublic ? {} : { security: [{ [bearer.name]: [] }] }),
        request: {
          ...(r.params instanceof z.ZodObject ? { params: r.params } : {}),
          ...(r.query instanceof z.ZodObject ? { query: r.query } : {}),
          ...(hasBody ? { body: { required: true, content: { 'application/json': { schema: r.body as z.ZodType } } } } : {}),
          ...(r.method !== 'GET'
            ? {
                headers: z.object({
                  'Idempotency-Key': z
                    .string()
                    .optional()
                    .openapi({ description: 'Client-generated key; a retry with the same key and body returns the first response.' }),
                }),
              }
            : {}),
        },
        responses: {
          [success]: {
            description: 'Success',
            ...(r.docs.response ? { content: { [r.docs.contentType ?? 'application/json']: { schema: r.docs.response } } } : {}),
          },
          ...(hasBody || r.query || r.params ? { 400: errorResponse('Invalid input, with field-level messages') } : {}),
          ...(isPublic ? {} : { 401: errorResponse('Missing or invalid token'), 403: errorResponse('Role not allowed') }),
        },
      };
      registry.registerPath(config);
    }
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Lucky Gas (幸福氣) API',
      version,
      description: 'Operations platform for an LPG distributor. Errors: `{error: {code, message, fields?}}`; `Accept-Language: zh-TW | en`.',
    },
    servers: [{ url: '/' }],
  });
}
