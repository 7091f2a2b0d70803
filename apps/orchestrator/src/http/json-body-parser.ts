import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { errorBody } from './errors/error-body';

/**
 * JSON body parsing that answers its own failures in the API's error shape: body-parser runs before
 * Nest's routing, so its errors would otherwise reach Express's HTML error page.
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  const parse = json({ limit: limitBytes, strict: false, type: ['application/json', 'application/*+json'] });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const { type, status } = error as { type?: string; status?: number };
      if (type === 'entity.too.large') {
        res.status(413).json(
          errorBody('PAYLOAD_TOO_LARGE', `the body is larger than ${limitBytes} bytes (RETRACE_MAX_PAYLOAD_BYTES)`, {
            limitBytes,
          }),
        );
      } else if (type === 'entity.parse.failed') {
        res.status(400).json(errorBody('MALFORMED_JSON', `the body is not valid JSON: ${(error as Error).message}`));
      } else if (status === 415 || type === 'encoding.unsupported' || type === 'charset.unsupported') {
        res.status(415).json(errorBody('UNSUPPORTED_MEDIA_TYPE', (error as Error).message));
      } else if (status && status >= 400 && status < 500) {
        res.status(status).json(errorBody('BAD_REQUEST', (error as Error).message));
      } else {
        next(error);
      }
    });
}
