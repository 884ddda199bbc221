// Every HTTP request gets a correlation id: the caller's x-correlation-id when it is a sane
// one, a fresh UUID otherwise; it is echoed in the response and carried by every log line.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdFor(given: string | string[] | undefined): string {
  return typeof given === 'string' && SANE.test(given) ? given : randomUUID();
}

export function correlationId(req: Request, res: Response, next: NextFunction): void {
  const id = correlationIdFor(req.headers['x-correlation-id']);
  res.locals.correlationId = id;
  res.setHeader('x-correlation-id', id);
  next();
}
