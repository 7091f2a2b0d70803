/** A request body refused before any route ran (see registerBodyParsers): its status and API error code. */
export class BodyRefusedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'MALFORMED_JSON' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BodyRefusedError';
  }
}
