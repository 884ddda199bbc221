// The offline explorer: ruru's page and its static assets, served from the npm package
// (staticPath points here, not at a CDN). Browsers get it at / and at GET /graphql.
import type { NextFunction, Request, Response } from 'express';
import { ruruHTML } from 'ruru/server';
import { serveStatic } from 'ruru/static';

export const EXPLORER_STATIC_PATH = '/ruru-static/';

export function explorerPage(): string {
  return ruruHTML({ endpoint: '/graphql', subscriptionEndpoint: '/graphql', staticPath: EXPLORER_STATIC_PATH });
}

const serveAssets = serveStatic(EXPLORER_STATIC_PATH);

/** The assets; any other path passes straight on (ruru's own check is async, a promise per API request). */
export function explorerAssets(req: Request, res: Response, next: NextFunction): void {
  if (req.url.startsWith(EXPLORER_STATIC_PATH)) serveAssets(req, res, next);
  else next();
}

/** Serves the explorer to a browser (it asks for HTML); API clients fall through to GraphQL. */
export function explorerForBrowsers(page: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html' && !req.query.query) {
      res.type('html').send(page);
      return;
    }
    next();
  };
}
