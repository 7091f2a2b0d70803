import { type DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule } from './bootstrap/runtime.module';
import type { RuntimeContext } from './bootstrap/runtime-context';
import { EngineModule } from '@retrace/engine';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueuesBoardModule } from './queues-board/queues-board.module';

/**
 * The orchestrator. `RuntimeModule` makes the config, `DataSource` and queue backend injectable
 * (global); feature modules are listed after it.
 */
@Module({})
export class AppModule {
  static forRoot(runtime: RuntimeContext): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        EngineModule.forRoot({ dataSource: runtime.dataSource, queueBackend: runtime.queueBackend, options: { confirmAbove: runtime.config.confirmAbove, replyStream: runtime.config.replyStream, ...runtime.engine } }),
        HealthModule,
        MetricsModule,
        HttpModule,
        QueuesBoardModule,
      ],
    };
  }
}
