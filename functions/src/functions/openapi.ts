import { http } from '@google-cloud/functions-framework';
import { container } from '../adapters/container';
import { createHttpHandler, route, type HttpFunctionDef } from '../http/endpoint';
import { buildOpenApiDocument } from '../http/openapi';
import { API_FUNCTIONS } from './api-functions';

export const openapiFunction: HttpFunctionDef = {
  name: 'openapi',
  mount: '/api/openapi.json',
  routes: [
    route({
      method: 'GET',
      path: '/',
      roles: 'public',
      docs: { summary: 'This OpenAPI 3.1 document' },
      async handle() {
        const c = await container();
        return { body: buildOpenApiDocument([...API_FUNCTIONS, openapiFunction], c.config.appVersion) };
      },
    }),
  ],
};

http('openapi', createHttpHandler(openapiFunction, async () => (await container()).http));
