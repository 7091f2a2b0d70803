import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectionRebuilder } from '../projections/projection-rebuilder';
import { RebuildProjectionsCommand } from './rebuild-projections.command';

@CommandHandler(RebuildProjectionsCommand)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjectionsCommand> {
  constructor(private readonly rebuilder: ProjectionRebuilder) {}

  async execute({ request, actor }: RebuildProjectionsCommand): Promise<{ id: string }> {
    return { id: await this.rebuilder.start({ ...request, actor }) };
  }
}
