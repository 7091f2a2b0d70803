import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import { jsonBodyParser } from '../http/json-body-parser';
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
 * Builds the orchestrator on a runtime without listening, so `main.ts` and e2e tests (supertest on
 * `app.getHttpServer()` after `app.init()`) get the same app: same modules, same body limit.
 */
export async function createApp(runtime: RuntimeContext, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    // Nest's own parser would answer an oversized body outside the API's error shape.
    bodyParser: false,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  app.disable('x-powered-by');
  app.use(jsonBodyParser(runtime.config.maxPayloadBytes));
  // Bull Board at /admin/queues (operator-only, its own auth: Nest's guards do not see it).
  mountQueuesBoard(app);
  // The web console's files, public (they hold no secrets); it passes /admin/queues on.
  app.use('/admin', serveConsole(consoleDirOf(runtime.config.consoleDir)));
  // Swagger UI at /docs, the OpenAPI document at /docs-json (public).
  setupOpenApi(app);
  return app;
}
