import { childPath } from './child-path';
import type { ValidationIssue } from './validation-issue';

const MAX_ISSUES = 100;
// U+0000, or a surrogate half without its partner: PostgreSQL's text and jsonb cannot hold either.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NUL = String.fromCharCode(0);
const unstorable = (s: string): boolean => s.includes(NUL) || LONE_SURROGATE.test(s);

const why = (s: string): string =>
  s.includes(NUL)
    ? 'contains U+0000 (NUL), which PostgreSQL cannot store; remove it or encode the data (e.g. base64)'
    : 'contains an unpaired UTF-16 surrogate (not valid Unicode), which PostgreSQL cannot store; send well-formed UTF-8';

/**
 * Every string (keys included) in a JSON value that PostgreSQL would refuse, with its path: U+0000
 * and lone surrogates. Checked at the edge so such input is a 400 naming the field, never a failed
 * insert. `root` names the value (`payload`, `id`); it is left out of nested paths when empty.
 *
 * @example findUnstorableText({ sku: 'a\u0000' }, 'payload') // [{ path: 'payload.sku', message: 'contains U+0000 …' }]
 */
export function findUnstorableText(value: unknown, root = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // An explicit stack: payloads may nest deeper than recursion is comfortable with.
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const [node, path] = stack.pop() as [unknown, string];
    if (typeof node === 'string') {
      if (unstorable(node)) issues.push({ path, message: why(node) });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push([node[i], childPath(path, i)]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node).reverse()) {
        if (unstorable(key)) issues.push({ path: childPath(path, key), message: `is a key that ${why(key)}` });
        stack.push([child, childPath(path, key)]);
      }
    }
  }
  return issues;
}
