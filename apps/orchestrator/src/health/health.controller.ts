import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import type { HealthReport } from './health-check';
import { DependencyIndicators } from './dependency-indicators';
import { toHealthReport } from './to-health-report';
import { Public } from '../http/auth/access.decorator';

/** Liveness and readiness in one: 200 when every dependency answers, 503 naming the ones that do not. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: DependencyIndicators,
  ) {}

  @Get()
  @Public()
  async check(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthReport> {
    const report = toHealthReport(await this.run());
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }

  /** Terminus answers a failed check by throwing its result in a 503; either way we want the result. */
  private async run(): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.indicators.all());
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }
}
