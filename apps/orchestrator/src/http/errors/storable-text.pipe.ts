import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { findUnstorableText, InvalidInputError } from '@retrace/domain';

/**
 * Refuses, for every route, a path parameter, query value or body string (keys included) that
 * PostgreSQL cannot hold (U+0000, lone surrogates): 400 naming it, before any handler reads the
 * log or appends to it. Without this such text reached a query or an insert and failed there (500).
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'param' || metadata.type === 'query' ? (metadata.data ?? '') : '';
    const issues = findUnstorableText(value, root);
    if (issues.length > 0) throw new InvalidInputError(issues);
    return value;
  }
}
