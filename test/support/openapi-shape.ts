/** A schema of the generated OpenAPI 3.0 document, as far as the shape check below reads it. */
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
}

interface Document {
  components: { schemas: Record<string, Schema> };
}

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/**
 * Where a JSON value departs from a schema of the document: keys the schema does not document (for
 * objects without `additionalProperties`), required keys missing, wrong types and enum values.
 * Returns one line per problem, with its path; empty when the value fits.
 */
export function shapeProblems(document: Document, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return shapeProblems(document, document.components.schemas[schema.$ref.replace('#/components/schemas/', '')], value, path);
  if (value === null) return schema.nullable ? [] : [`${path}: null, but the schema is not nullable`];
  if (schema.allOf) return schema.allOf.flatMap((part) => shapeProblems(document, part, value, path));
  if (schema.oneOf) {
    const each = schema.oneOf.map((option) => shapeProblems(document, option, value, path));
    return each.some((p) => p.length === 0) ? [] : [`${path}: matches none of oneOf (${each.map((p) => p.join('; ')).join(' | ')})`];
  }
  const actual = typeOf(value);
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  if (schema.type === 'number' && (actual === 'integer' || actual === 'number')) return [];
  if (schema.type && schema.type !== actual) return [`${path}: ${actual}, documented as ${schema.type}`];
  if (actual === 'array' && schema.items) return (value as unknown[]).flatMap((item, i) => shapeProblems(document, schema.items!, item, `${path}[${i}]`));
  if (actual !== 'object') return [];
  const record = value as Record<string, unknown>;
  const problems = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: required, but missing`);
  for (const [key, item] of Object.entries(record)) {
    const property = schema.properties?.[key];
    if (property) problems.push(...shapeProblems(document, property, item, `${path}.${key}`));
    else if (typeof schema.additionalProperties === 'object') problems.push(...shapeProblems(document, schema.additionalProperties, item, `${path}.${key}`));
    else if (schema.additionalProperties !== true && schema.properties) problems.push(`${path}.${key}: not documented`);
  }
  return problems;
}
