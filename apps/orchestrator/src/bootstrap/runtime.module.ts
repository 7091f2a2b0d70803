import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RuntimeContext } from './runtime-context';
import { QUEUE_BACKEND, RETRACE_CONFIG } from './runtime-tokens';

const RUNTIME = Symbol('RUNTIME');

/** Closes the runtime; global modules shut down after all others, so this runs last. */
class RuntimeCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('Runtime');

  constructor(@Inject(RUNTIME) private readonly runtime: RuntimeContext) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.runtime.close) return;
    await this.runtime.close();
    this.logger.log('Stopped');
  }
}

/** Makes the config (`RETRACE_CONFIG`), `DataSource` and `QUEUE_BACKEND` injectable everywhere. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: RuntimeContext): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: RETRACE_CONFIG, useValue: runtime.config },
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: QUEUE_BACKEND, useValue: runtime.queueBackend },
        RuntimeCloser,
      ],
      exports: [RETRACE_CONFIG, DataSource, QUEUE_BACKEND],
    };
  }
}
