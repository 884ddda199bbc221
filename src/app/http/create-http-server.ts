// The HTTP server: a Nest application on express 5 that owns the server, with Apollo
// (@apollo/server 5 through @as-integrations/express5) mounted on the Nest adapter's express
// instance and graphql-ws on the same port and path. Mounting on Nest's instance (rather
// than a second server) keeps one port, one lifecycle (app.close) and Nest's routes
// (/health, /ready) beside GraphQL, while GraphQL requests skip Nest's pipes and guards.
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import type { EventStore } from '../../event-store/port.js';
import type { EvidenceStore } from '../../evidence/port.js';
import type { ApiServices, ApiSettings } from '../../graphql/api-dependencies.js';
import { bearerToken, createTokenVerifier } from '../../graphql/auth/token-verifier.js';
import { operationContext, type GraphQLContext } from '../../graphql/context.js';
import { clientErrorFor, formatError } from '../../graphql/errors.js';
import { errorLoggingPlugin } from '../../graphql/limits/error-logging-plugin.js';
import { costLimitPlugin } from '../../graphql/limits/limits-plugin.js';
import { nulGuardPlugin } from '../../graphql/limits/nul-guard-plugin.js';
import { depthLimitRule } from '../../graphql/limits/operation-limits.js';
import { createApiLimiters } from '../../graphql/limits/rate-limiter.js';
import { buildSchema, schemaSource } from '../../graphql/schema.js';
import { responseCachePlugin } from '../../graphql/response-cache/cache-plugin.js';
import { ReadModelVersions } from '../../graphql/response-cache/read-model-versions.js';
import { ResponseCache } from '../../graphql/response-cache/response-cache.js';
import { EventFanOut } from '../../graphql/subscriptions/event-fan-out.js';
import { PersonalDataVault } from '../../personal-data/personal-data-vault.js';
import type { Logger } from '../logger.js';
import { ApiModule } from './api.module.js';
import { correlationId } from './correlation.js';
import { httpLatency, metricsRoute } from './metrics.js';
import { evidenceRoute } from './evidence-route.js';
import { explorerAssets, explorerForBrowsers, explorerPage } from './explorer.js';
import { attachGraphQLWebSocket } from './graphql-ws-server.js';
import { graphqlPostListener, replayBodyError } from './graphql-post.js';

export interface HttpServerOptions {
  settings: ApiSettings;
  logger: Logger;
  store: EventStore;
  /** Pool on the read models' database. */
  readPool: pg.Pool;
  evidence: EvidenceStore;
  /** The command side: WriteSideModule.forRoot(...) (src/app/write-side.module.ts). */
  writeSide: DynamicModule;
  /** Clock for command metadata; tests may pin it. */
  now?: () => Date;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  app: INestApplication;
  /** GraphQL subscriptions currently fed by the shared event subscription. */
  activeSubscriptions(): number;
  close(): Promise<void>;
}

export async function createHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { settings, logger } = options;
  const app = await NestFactory.create(ApiModule.forRoot(options.writeSide, { readPool: options.readPool, store: options.store }), new ExpressAdapter(express()), {
    logger: false,
    bodyParser: false,
  });
  const httpServer = app.getHttpServer() as Server;
  const services: ApiServices = {
    settings,
    logger,
    store: options.store,
    readPool: options.readPool,
    evidence: options.evidence,
    personalData: app.get(PersonalDataVault),
    commandBus: app.get(CommandBus),
    now: options.now ?? (() => new Date()),
  };
  const verify = createTokenVerifier(settings);
  const limiters = createApiLimiters(settings);
  const fanOut = new EventFanOut(options.store, logger, ['infraction-']);
  fanOut.start();
  const schema = buildSchema(fanOut);
  const typeDefs = schemaSource();
  const ws = attachGraphQLWebSocket(httpServer, { schema, typeDefs, services, verify, limiters });
  let cache: ResponseCache | null = null;
  let versions: ReadModelVersions | null = null;
  if (settings.GRAPHQL_RESPONSE_CACHE) {
    versions = new ReadModelVersions(options.readPool.options, logger, () => cache?.clear());
    cache = new ResponseCache(versions, settings.GRAPHQL_RESPONSE_CACHE_MB * 1024 * 1024);
    await versions.start();
  }

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The application stops Apollo in its own order; Apollo's signal handlers would race it.
    stopOnTerminationSignals: false,
    // Reported as a validation error (400), not thrown: a thrown rule error would be a 500.
    validationRules: [depthLimitRule(settings.GRAPHQL_MAX_DEPTH)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints in the schema and no HTTP caching of answers: the default
      // cache-control plugin would only wrap every resolver of every request for nothing.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      costLimitPlugin(settings.GRAPHQL_MAX_COST, typeDefs),
      nulGuardPlugin(),
      errorLoggingPlugin(),
      responseCachePlugin(schema),
      { serverWillStart: async () => ({ drainServer: () => ws.close() }) },
    ],
  });
  await apollo.start();

  // Mounted before app.listen() runs Nest's init, so these come ahead of Nest's own routes and 404.
  const server = app.getHttpAdapter().getInstance() as express.Express;
  const page = explorerPage();
  server.disable('x-powered-by');
  // An ETag is a hash of every answer; no GraphQL answer (a POST) is ever revalidated by one.
  server.disable('etag');
  server.use(correlationId);
  server.use(httpLatency);
  server.get('/metrics', (req, res, next) => void metricsRoute(req, res).catch(next));
  server.use(explorerAssets);
  server.get('/', (_req, res) => void res.type('html').send(page));
  if ('readSignedUrl' in options.evidence) server.get('/evidence/*key', evidenceRoute(options.evidence as Parameters<typeof evidenceRoute>[0], logger));
  const parseJson = express.json({ limit: '1mb' });
  const admit = async (req: IncomingMessage) => {
    try {
      const viewer = await verify(bearerToken(req.headers.authorization));
      await limiters.requests.consume(viewer.key);
      return viewer;
    } catch (error) {
      throw clientErrorFor(error) ?? error;
    }
  };
  // POST /graphql (the API's traffic) is served by graphql-post.ts before express; GET
  // queries, the explorer and whatever that path declines come here.
  server.use(
    '/graphql',
    explorerForBrowsers(page),
    replayBodyError,
    parseJson,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => operationContext(await admit(req), res.locals.correlationId as string, services),
    }),
  );
  const expressListener = httpServer.listeners('request')[0] as RequestListener;
  httpServer.removeListener('request', expressListener);
  httpServer.on(
    'request',
    graphqlPostListener({ apollo, parseJson, admit, cache, contextFor: (viewer, id, ticket) => operationContext(viewer, id, services, ticket) }, expressListener),
  );

  await app.listen(settings.HTTP_PORT, settings.HTTP_HOST);
  const address = httpServer.address() as AddressInfo;
  const url = `http://${settings.HTTP_HOST}:${address.port}`;
  logger.info({ url: `${url}/graphql` }, 'GraphQL API listening');
  return {
    url,
    port: address.port,
    app,
    activeSubscriptions: () => fanOut.size,
    async close() {
      await apollo.stop();
      await app.close();
      await fanOut.close();
      await limiters.close();
      await versions?.close();
    },
  };
}
