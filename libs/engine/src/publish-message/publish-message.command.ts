import { Command } from '@nestjs/cqrs';

/** The first answer to a publish, returned again for a repeated publish of the same id and body. */
export interface PublishAnswer {
  id: string;
  status: 'PENDING';
  position: number;
}

export interface PublishMessageResult {
  answer: PublishAnswer;
  /** False when this id was published before with the same body. */
  created: boolean;
}

/** Publish a message to run its saga (POST /v1/messages). `body` is validated by the handler. */
export class PublishMessageCommand extends Command<PublishMessageResult> {
  constructor(
    readonly body: unknown,
    readonly actor: string | null,
  ) {
    super();
  }
}
