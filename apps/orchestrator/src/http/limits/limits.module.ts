import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RETRACE_CONFIG } from '../../bootstrap/runtime-tokens';
import type { RetraceConfig } from '../../config/retrace-config';
import { RATE_LIMIT_WINDOW_MS } from './rate-limit.guard';

/** The throttler's options and storage, from `RETRACE_RATE_LIMIT` (0: every request is let through). */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RETRACE_CONFIG],
      useFactory: (config: RetraceConfig) => ({
        throttlers: [{ ttl: RATE_LIMIT_WINDOW_MS, limit: Math.max(1, config.rateLimit) }],
        ...(config.rateLimit === 0 ? { skipIf: () => true } : {}),
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class LimitsModule {}
