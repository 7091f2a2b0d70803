import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetSagaQuery, ListSagasQuery, RegisterSagaCommand } from '@retrace/engine';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../actor-of';
import { parseSagaVersion } from './parse-saga-version';
import { toSagaDto } from './saga.mapper';
import { ServiceRoute } from '../auth/access.decorator';
import { sagaScopeOf } from '../auth/request-key';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { RegisterSagaDto, SagaDto, SagaListDto, SagaRegisteredDto } from './dto/saga.dto';

@Controller('v1/sagas')
@ApiTags('sagas')
export class SagasController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Registers a version: 201 when new, 200 when the same version and body were registered before. */
  @Put(':name')
  @ServiceRoute({ from: 'param', name: 'name' })
  @ApiOperation({ summary: 'Register a saga version' })
  @ApiCreatedResponse({ type: SagaRegisteredDto, description: 'A new version.' })
  @ApiOkResponse({ type: SagaRegisteredDto, description: 'The same version with the same body was registered before.' })
  @ApiErrors([400, 409], { 409: 'The same version with another body is registered (`SAGA_VERSION_CONFLICT`): register a new version.' })
  async register(
    @Param('name') name: string,
    @Body() body: RegisterSagaDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<SagaRegisteredDto> {
    const result = await this.commands.execute(new RegisterSagaCommand(name, body, actorOf(req)));
    res.status(result.created ? 201 : 200);
    return { name: result.name, version: result.version };
  }

  /** A service key sees only its own sagas. */
  @Get()
  @ServiceRoute({ from: 'filtered' }, 'viewer')
  @ApiOperation({ summary: 'List sagas (latest version of each)' })
  @ApiOkResponse({ type: SagaListDto })
  async list(@Req() req: FastifyRequest): Promise<SagaListDto> {
    const scope = sagaScopeOf(req);
    const sagas = await this.queries.execute(new ListSagasQuery());
    return { items: sagas.filter((s) => scope?.allows(s.definition.name) ?? true).map(toSagaDto) };
  }

  @Get(':name')
  @ServiceRoute({ from: 'param', name: 'name' }, 'viewer')
  @ApiOperation({ summary: 'Get a saga (latest version, or `?version=`)' })
  @ApiQuery({ name: 'version', required: false, type: 'integer', description: 'Another version than the latest.' })
  @ApiOkResponse({ type: SagaDto })
  @ApiErrors([400, 404])
  async get(@Param('name') name: string, @Query() query: Record<string, unknown>): Promise<SagaDto> {
    return toSagaDto(await this.queries.execute(new GetSagaQuery(name, parseSagaVersion(query))));
  }
}
