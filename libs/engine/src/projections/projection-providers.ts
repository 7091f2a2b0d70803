import type { Provider } from '@nestjs/common';
import { GetRebuildHandler } from '../get-rebuild/get-rebuild.handler';
import { RebuildProjectionsHandler } from '../rebuild-projections/rebuild-projections.handler';
import { ProjectionRebuilder } from './projection-rebuilder';
import { BUILT_IN_PROJECTIONS, PROJECTIONS } from './projection-registry';
import { RebuildRepository } from './rebuild-repository';

/** Everything rebuilding read models needs, for EngineModule. */
export const PROJECTION_PROVIDERS: Provider[] = [
  { provide: PROJECTIONS, useValue: BUILT_IN_PROJECTIONS },
  RebuildRepository,
  ProjectionRebuilder,
  RebuildProjectionsHandler,
  GetRebuildHandler,
];
