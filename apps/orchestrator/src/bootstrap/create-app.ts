import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import { jsonBodyParser } from '../http/json-body-parser';
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
  return app;
}
