import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../app';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { openApiDocument } from './openapi-document';

/** As much of an operation as the check reads (@nestjs/swagger does not export its OpenAPI types one by one). */
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string; type?: string; properties?: object; oneOf?: object[] } }> }>;
}

/** Operations whose JSON answer has no schema (a handler typed as an interface or a generic gives `{type: object}`). */
function undescribedAnswers(document: OpenAPIObject): string[] {
  const found: string[] = [];
  for (const [route, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      for (const [status, answer] of Object.entries(operation.responses ?? {})) {
        const schema = answer.content?.['application/json']?.schema;
        if (schema && !schema.$ref && schema.type === 'object' && !schema.properties && !schema.oneOf) found.push(`${method.toUpperCase()} ${route} ${status}`);
      }
    }
  }
  return found;
}

const TYPES_FILE = path.resolve(process.cwd(), 'web', 'src', 'lib', 'api-types.ts');
const HEADER = '// Generated from the OpenAPI document the server serves at /api/docs: `npm run api:types`. Do not edit.\n\n';

/**
 * `npm run api:types` writes the browser client's API types from the OpenAPI document; `-- --check` (CI) fails when
 * the checked-in file is not what the document gives. The application is built in preview (its modules and routes,
 * no provider started), so no database is needed.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const config = AppConfig.fromEnvironment(process.env, { JOBS: 'off' });
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://preview.invalid/none'), { preview: true, logger: false });
  app.setGlobalPrefix('api');
  const document = openApiDocument(app, SESSION_COOKIE);
  await app.close();

  const undescribed = undescribedAnswers(document);
  if (undescribed.length > 0) {
    process.stderr.write(`These answers have no response class (src/*/*.responses.ts):\n  ${undescribed.join('\n  ')}\n`);
    process.exit(1);
  }

  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const types = HEADER + astToString(await openapiTS(document as never, { alphabetize: true }));
  if (!check) {
    writeFileSync(TYPES_FILE, types);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), TYPES_FILE)} (${Object.keys(document.paths).length} paths).\n`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(TYPES_FILE, 'utf8');
  } catch {
    // Missing: a drift like any other.
  }
  if (current !== types) {
    process.stderr.write(`${path.relative(process.cwd(), TYPES_FILE)} differs from the OpenAPI document: run \`npm run api:types\` and commit it.\n`);
    process.exit(1);
  }
  process.stdout.write('The client\'s API types match the OpenAPI document.\n');
}

void main();
