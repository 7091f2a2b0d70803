import type { INestApplication } from '@nestjs/common';
import { RETRACE_CONFIG } from '../bootstrap/runtime-tokens';
import type { RetraceConfig } from '../config/retrace-config';
import { queuesBoardAuth } from './queues-board-auth';
import { QUEUES_BOARD_PATH, QueuesBoard } from './queues-board';

/** Mounts Bull Board at `/admin/queues`, operator-only (see {@link queuesBoardAuth}). */
export function mountQueuesBoard(app: INestApplication): void {
  const config = app.get<RetraceConfig>(RETRACE_CONFIG);
  app.use(QUEUES_BOARD_PATH, queuesBoardAuth(config.apiKeys), app.get(QueuesBoard).handler());
}
