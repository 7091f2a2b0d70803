/** Who asks for an operator action and why; recorded on every event it causes. */
export interface OperatorContext {
  actor: string;
  reason: string;
  /** The bulk operation this action is part of, if any. */
  operationId?: string | null;
}
