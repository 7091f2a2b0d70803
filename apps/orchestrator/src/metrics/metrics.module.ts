import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** `GET /metrics`; the metrics themselves live in the engine (`EngineMetrics`, exported by EngineModule). */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
