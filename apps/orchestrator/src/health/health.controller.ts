import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HEALTH_CHECKS, type HealthCheck, type HealthReport } from './health-check';
import { runHealthChecks } from './run-health-checks';
import { Public } from '../http/auth/access.decorator';

/** Liveness and readiness in one: 200 when every dependency answers, 503 naming the ones that do not. */
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await runHealthChecks(this.checks);
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
