import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ServiceRoute } from '../auth/access.decorator';
import { requestKeyOf } from '../auth/request-key';
import { MeDto } from './dto/me.dto';

/**
 * Who the caller is, so a client (the web console) can show what its key may not do before it
 * tries. With authentication off every caller is the `anonymous` operator.
 */
@Controller('v1/me')
@ApiTags('auth')
export class MeController {
  @Get()
  @ServiceRoute({ from: 'filtered' }, 'viewer')
  @ApiOperation({ summary: 'The calling key: name, role and saga globs' })
  @ApiOkResponse({ type: MeDto })
  me(@Req() req: FastifyRequest): MeDto {
    const key = requestKeyOf(req);
    if (key === undefined) return { name: 'anonymous', role: 'operator', sagas: null, authentication: false };
    return { name: key.name, role: key.role, sagas: key.role === 'service' ? [...(key.sagas ?? [])] : null, authentication: true };
  }
}
