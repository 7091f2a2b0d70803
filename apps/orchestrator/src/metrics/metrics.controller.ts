import { Controller, Get, Header, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EngineMetrics } from '@retrace/engine/metrics/engine-metrics';
import type { FastifyReply } from 'fastify';

/** `GET /metrics`: Prometheus text format, from this app's own registry (README "Observability"). */
@Controller('metrics')
export class MetricsController {
  private metrics: EngineMetrics | undefined;

  // EngineModule is not global; its EngineMetrics is found in the app's module graph on first scrape.
  constructor(private readonly moduleRef: ModuleRef) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: FastifyReply): Promise<void> {
    const metrics = (this.metrics ??= this.moduleRef.get(EngineMetrics, { strict: false }) ?? undefined);
    if (!metrics) throw new Error('EngineMetrics is not in the app: import EngineModule');
    const body = await metrics.scrape();
    res.status(200).type(metrics.contentType).send(body);
  }
}
