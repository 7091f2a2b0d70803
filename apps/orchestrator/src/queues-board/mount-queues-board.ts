import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RETRACE_CONFIG } from '../bootstrap/runtime-tokens';
import type { RetraceConfig } from '../config/retrace-config';
import { queuesBoardAuth } from './queues-board-auth';
import { QUEUES_BOARD_PATH, QueuesBoard } from './queues-board';

/** Mounts Bull Board at `/admin/queues`, operator-only (see {@link queuesBoardAuth}). */
export function mountQueuesBoard(app: NestFastifyApplication): void {
  const config = app.get<RetraceConfig>(RETRACE_CONFIG);
  const board = app.get(QueuesBoard).plugin();
  void app.getHttpAdapter().getInstance().register(
    async (scope) => {
      scope.addHook('onRequest', queuesBoardAuth(config.apiKeys));
      await scope.register(board);
    },
    { prefix: QUEUES_BOARD_PATH },
  );
}
