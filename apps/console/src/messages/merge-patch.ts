// The preview applies the patch with the domain's own RFC 7396 merge, as the server does.
export { mergePatch as applyMergePatch } from '@retrace/domain/json/merge-patch';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The patch text as an object, or why it is not one. Empty text: no patch. */
export function parsePatch(textValue: string): { patch?: Record<string, unknown>; error?: string } {
  if (textValue.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(textValue);
    return isObject(value) ? { patch: value } : { error: 'the patch must be a JSON object, e.g. {"card": null, "qty": 2}' };
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
}
