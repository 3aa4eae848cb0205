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
  return SwaggerModule.createDocument(app, description);
}
