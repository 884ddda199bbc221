// Prometheus metrics at /metrics: everything the process registered on prom-client's
// default registry (commands, appends, projections, writer, consumer lag, registry, ingest)
// plus Node's own, and the latency of every HTTP request (GraphQL included) by route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let defaultsCollected = false;

const httpDuration =
  (register.getSingleMetric('roadledger_http_request_duration_seconds') as Histogram<'method' | 'route' | 'status'> | undefined) ??
  new Histogram({
    name: 'roadledger_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status (GraphQL is the /graphql route)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });

/** Known routes only, so a scan of random paths cannot grow the label set without bound. */
function routeOf(path: string): string {
  if (path === '/graphql' || path === '/health' || path === '/ready' || path === '/metrics' || path === '/') return path;
  if (path.startsWith('/evidence/')) return '/evidence';
  return 'other';
}

export function httpLatency(req: Request, res: Response, next: NextFunction): void {
  const stop = httpDuration.startTimer({ method: req.method });
  // originalUrl: mounted routers (GraphQL at /graphql) rewrite req.path before 'finish'.
  res.on('finish', () => stop({ route: routeOf(req.originalUrl.split('?')[0] ?? ''), status: String(res.statusCode) }));
  next();
}

/** The same histogram for a request served without express (POST /graphql). */
export function timeRequest(req: IncomingMessage, res: ServerResponse): void {
  const stop = httpDuration.startTimer({ method: req.method });
  res.on('finish', () => stop({ route: routeOf(req.url?.split('?')[0] ?? ''), status: String(res.statusCode) }));
}

export async function metricsRoute(_req: Request, res: Response): Promise<void> {
  if (!defaultsCollected) {
    collectDefaultMetrics({ prefix: 'roadledger_' });
    defaultsCollected = true;
  }
  res.type(register.contentType).send(await register.metrics());
}
