/** Which payload paths to hide for a saga in one response; nothing for callers who may see everything. */
export interface PayloadRedaction {
  pathsFor(saga: string | null | undefined): readonly string[];
}

export const NO_REDACTION: PayloadRedaction = { pathsFor: () => [] };

/** A redaction from each saga's paths (sagas not in the map hide nothing); `unnamed` applies where no saga is named. */
export const redactionOf = (bySaga: ReadonlyMap<string, readonly string[]>, unnamed: readonly string[] = []): PayloadRedaction => ({
  pathsFor: (saga) => (saga ? (bySaga.get(saga) ?? []) : unnamed),
});
