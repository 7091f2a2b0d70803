/**
 * Every queue a registered saga version names, for an action or a compensation (messages stay
 * pinned to older versions, so their queues still matter): one row `queue` each, no repeats.
 */
export const STEP_QUEUES_SQL = `
  SELECT DISTINCT q AS queue FROM sagas, jsonb_array_elements(definition->'steps') AS step,
         LATERAL (VALUES (step->'action'->>'queue'), (step->'compensation'->>'queue')) AS t(q)
   WHERE q IS NOT NULL`;
