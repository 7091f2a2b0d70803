import { messagesProjection } from './messages.projection';
import { operationsProjection } from './operations.projection';
import type { Projection } from './projection';
import { sagasProjection } from './sagas.projection';
import { subscriptionsProjection } from './subscriptions.projection';

/** The injection token of the registered projections (EngineModule provides BUILT_IN_PROJECTIONS). */
export const PROJECTIONS = Symbol('PROJECTIONS');

/**
 * Every read model a rebuild knows, in the order their tables are locked and swapped in. The order
 * is the live writers' lock order (an operation's row, then its items — OperationRunner — then
 * `messages`, which the action on an item writes after its item), so the swap's lock waits for a
 * writer instead of deadlocking with it. `subscriptions` is written by its own transactions only.
 * A new read model plugs in here: export a `Projection` from its own file and add it where its
 * tables fall in that order.
 */
export const BUILT_IN_PROJECTIONS: readonly Projection[] = [operationsProjection, messagesProjection, sagasProjection, subscriptionsProjection];
