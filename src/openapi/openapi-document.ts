import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The API's description, served at /api/docs and the source of the browser client's types (web/src/lib/api-types.ts,
 * `npm run api:types`). Every answer is described by a response class (`*.responses.ts`): the Swagger compiler plugin
 * of `nest build` reads their properties and each handler's return type, so a handler that returns something else does
 * not compile, and a class that changes changes the client's types.
 */
export function openApiDocument(app: INestApplication, sessionCookie: string): OpenAPIObject {
  const description = new DocumentBuilder()
    .setTitle('Concert API')
    .setDescription('Follow-up of inter-agency commitments: frameworks, commitments, reporting cycles, activity reports and the change feed.')
    .setVersion('1')
    .addCookieAuth(sessionCookie)
    .build();
  return withSortedEnums(SwaggerModule.createDocument(app, description));
}

/**
 * The plugin lists a union's values in the order the TypeScript checker happens to hold them, which differs between
 * a full and an incremental build: sorted, the document (and the client's types) is the same from any build.
 */
function withSortedEnums<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) withSortedEnums(item);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' && Array.isArray(value)) value.sort(byValue);
      else withSortedEnums(value);
    }
  }
  return node;
}

/** Strings in code-point order, then anything else (null) after them. */
function byValue(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return (typeof a === 'string' ? 0 : 1) - (typeof b === 'string' ? 0 : 1);
}
