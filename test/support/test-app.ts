import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { AppConfig } from '../../src/config/app-config';
import { ApiClient } from './api-client';
import { Factory } from './factory';
import { signIn } from './second-factor';

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  databaseUrl: string;
  dataSource: DataSource;
  factory: Factory;
  /** A client without a session. */
  anonymous(): ApiClient;
  /** A client logged in as this user (password from the factory; the second step answered where there is one). */
  as(email: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env.CONCERT_TEST_SERVER_URL;
  if (!url) throw new Error('The test database server is not set up: run the tests with `npm test`.');
  return url;
}

export function databaseUrl(database: string): string {
  const parsed = new URL(testServerUrl());
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database for one test file: a copy of the migrated template, or empty. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `concert_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    const template = process.env.CONCERT_TEST_TEMPLATE!;
    await admin.query(
      options.empty ? `CREATE DATABASE ${admin.escapeIdentifier(name)}` : `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`,
    );
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(name),
    drop: async () => {
      const client = new Client({ connectionString: testServerUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return AppConfig.fromEnvironment({}, { LOG_LEVEL: 'silent', NODE_ENV: 'test', PORT: '0', ...overrides });
}

/** The real HTTP server on a loopback port, over its own fresh database. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(overrides);
  const app = await createApp(config, database.url);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataSource = app.get(DataSource);
  const factory = new Factory(dataSource);
  return {
    app,
    baseUrl,
    databaseUrl: database.url,
    dataSource,
    factory,
    anonymous: () => new ApiClient(baseUrl),
    as: async (email) => {
      const client = new ApiClient(baseUrl);
      const response = await signIn(client, email);
      if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return client;
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** A loopback port nobody listens on now: for a server that must come back on the same address after a restart. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * One more server process over an EXISTING database (from `createTestDatabase()`), on `port` (0: any free one).
 * Its close() stops the app and leaves the database, so that a server can be restarted on the same database and
 * port, or several can share one database (with `{ REDIS_URL }` in `overrides`).
 */
export async function startTestServer(databaseUrl: string, options: { port?: number; overrides?: Record<string, string> } = {}): Promise<TestApp> {
  const config = testConfig(options.overrides);
  const app = await createApp(config, databaseUrl);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataSource = app.get(DataSource);
  return {
    app,
    baseUrl,
    databaseUrl,
    dataSource,
    factory: new Factory(dataSource),
    anonymous: () => new ApiClient(baseUrl),
    as: async (email) => {
      const client = new ApiClient(baseUrl);
      const response = await signIn(client, email);
      if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return client;
    },
    close: () => app.close(),
  };
}
