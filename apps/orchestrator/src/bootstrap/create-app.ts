import { parse as parseQueryString } from 'node:querystring';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { registerBodyParsers } from '../http/body-parsers';
import { consoleDirOf } from '../console/console-dir';
import { serveConsole } from '../console/serve-console';
import { setupOpenApi } from '../openapi/setup-openapi';
import { mountQueuesBoard } from '../queues-board/mount-queues-board';
import type { RuntimeContext } from './runtime-context';

export interface CreateAppOptions {
  /** Defaults to Nest's console logger; e2e tests pass `false` or their own. */
  readonly logger?: LoggerService | false;
}

/**
 * Builds the orchestrator on a runtime without listening, so `main.ts` and e2e tests get the same
 * app: same modules, same body limit. Nest runs on Fastify (docs/decisions.md, 2026-12-08: Express
 * cost ~100 µs of CPU per request more). Tests call {@link readyApp} before sending requests.
 */
export async function createApp(runtime: RuntimeContext, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    routerOptions: {
      // Express's rules, which clients may rely on.
      ignoreTrailingSlash: true,
      caseSensitive: false,
      // node's parser: plain (null-prototype) objects, which validation takes for records; Fastify's
      // default gives objects of a prototype of its own.
      querystringParser: (query) => parseQueryString(query),
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(runtime), adapter, {
    // Nest's own parser would answer an oversized body outside the API's error shape.
    bodyParser: false,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify, runtime.config.maxPayloadBytes);
  // Bull Board at /admin/queues (operator-only, its own auth: Nest's guards do not see it).
  mountQueuesBoard(app);
  // The web console's files, public (they hold no secrets); /admin/queues is the board's.
  serveConsole(fastify, consoleDirOf(runtime.config.consoleDir));
  // Swagger UI at /docs, the OpenAPI document at /docs-json (public).
  setupOpenApi(app);
  return app;
}

/** Initialises the app and its Fastify plugins, so requests can be injected without `listen()`. */
export async function readyApp(app: NestFastifyApplication): Promise<void> {
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
}
