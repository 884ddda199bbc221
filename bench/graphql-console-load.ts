// The review consoles' requests for bench:graphql, run in a process of its own
// (`node graphql-console-load.js <plan>`): one autocannon connection per operator, each
// polling its own few review-queue pages (zone, first or second page) in turn.
import autocannon from 'autocannon';

/** One review-queue page a console shows: a zone's DETECTED infractions, the first page or the one after `after`. */
export interface QueuePage {
  zone: string;
  after: string | null;
}

export const CONSOLE_QUERY = `query Queue($zone: ID!, $after: String) {
  infractions(filter: { status: [DETECTED], zoneId: $zone }, first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id type status occurredAt reviewDeadline plate { text confidence verified } speed { measuredKmh consideredKmh limitKmh } } }
  }
}`;

/** The request body of a page: the same text for the same page, so the response cache's key is the same. */
export const pageBody = (page: QueuePage): string => JSON.stringify({ query: CONSOLE_QUERY, variables: { zone: page.zone, after: page.after } });

/** The pages operator `operator` polls: with 20 zones x 2 pages and 20 operators, both pages of two zones each (two operators per zone). */
export function pagesOf(operator: number, pages: readonly QueuePage[], perOperator: number): QueuePage[] {
  const stride = Math.max(1, Math.floor(pages.length / perOperator));
  return Array.from({ length: perOperator }, (_, k) => pages[((operator % stride) + k * stride) % pages.length]!);
}

export interface ConsolePlan {
  url: string;
  token: string;
  operators: number;
  pagesPerOperator: number;
  seconds: number;
  pages: QueuePage[];
}

async function consoleLoad(plan: ConsolePlan): Promise<void> {
  // autocannon gives connection i the i-th URL of a list (its types declare only one URL):
  // the query string names the operator, and POST /graphql ignores it.
  const urls = Array.from({ length: plan.operators }, (_, operator) => `${plan.url}?operator=${operator}`);
  const bodies = urls.map((_, operator) => pagesOf(operator, plan.pages, plan.pagesPerOperator).map(pageBody));
  const turn = new Array<number>(plan.operators).fill(0);
  const result = await autocannon({
    url: urls as unknown as string,
    connections: plan.operators,
    duration: plan.seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.token}` },
        setupRequest: (request) => {
          const operator = Number(new URL(request.path ?? '', 'http://x').searchParams.get('operator'));
          const own = bodies[operator]!;
          return { ...request, body: own[turn[operator]!++ % own.length] };
        },
      },
    ],
  });
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[2] === '--plan') {
  await consoleLoad(JSON.parse(process.argv[3]!) as ConsolePlan);
  process.exit(0);
}
