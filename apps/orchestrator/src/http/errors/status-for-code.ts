import { HttpStatus } from '@nestjs/common';

/** Domain error codes and the HTTP status each maps to; a code not listed here is a bug (500). */
const STATUS_BY_CODE: Record<string, HttpStatus> = {
  INVALID_INPUT: HttpStatus.BAD_REQUEST,
  UNKNOWN_STEP: HttpStatus.BAD_REQUEST,
  UNKNOWN_SAGA: HttpStatus.NOT_FOUND,
  MESSAGE_NOT_FOUND: HttpStatus.NOT_FOUND,
  SAGA_VERSION_CONFLICT: HttpStatus.CONFLICT,
  MESSAGE_ID_CONFLICT: HttpStatus.CONFLICT,
  STREAM_VERSION_CONFLICT: HttpStatus.CONFLICT,
  ILLEGAL_TRANSITION: HttpStatus.CONFLICT,
  STEP_ALREADY_STARTED: HttpStatus.CONFLICT,
  OPERATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFIRM_MISMATCH: HttpStatus.CONFLICT,
  OPERATION_NOT_RUNNING: HttpStatus.CONFLICT,
  INVALID_COMMAND: HttpStatus.BAD_REQUEST,
  IRREVERSIBLE_STEPS: HttpStatus.CONFLICT,
  REBUILD_NOT_FOUND: HttpStatus.NOT_FOUND,
  REBUILD_ALREADY_RUNNING: HttpStatus.CONFLICT,
  SUBSCRIPTION_NOT_FOUND: HttpStatus.NOT_FOUND,
  SUBSCRIPTION_DEFINITION_CONFLICT: HttpStatus.CONFLICT,
  STALE_ACK: HttpStatus.CONFLICT,
  ACK_BEYOND_DELIVERY: HttpStatus.CONFLICT,
};

export const statusForCode = (code: string): HttpStatus | undefined => STATUS_BY_CODE[code];
