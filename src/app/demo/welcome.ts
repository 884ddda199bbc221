// What `npm start` prints once the API is up: where it is, a token per role and a first
// query to paste, so a newcomer sees data without reading further.
import { mintToken } from '../../graphql/auth/mint-token.js';
import type { Role } from '../../domain/shared/actor.js';

const ROLES: Role[] = ['admin', 'supervisor', 'operator', 'auditor'];

const FIRST_QUERY = `{ infractions(first: 5, filter: { status: [DETECTED] }) { totalCount edges { node { id type status plate { text confidence } speed { measuredKmh consideredKmh limitKmh } occurredAt } } } }`;

export async function welcomeText(url: string, secret: string): Promise<string> {
  const tokens = await Promise.all(ROLES.map(async (role) => [role, await mintToken({ secret, role, subject: `demo-${role}`, ttl: '12h' })] as const));
  const operatorToken = tokens.find(([role]) => role === 'operator')![1];
  const body = JSON.stringify({ query: FIRST_QUERY });
  return [
    '',
    `Roadledger is up: GraphQL API at ${url}/graphql, explorer at ${url}/`,
    '',
    'Tokens (12 h; paste one into the explorer as the header  Authorization: Bearer <token>):',
    ...tokens.map(([role, token]) => `  ${role.padEnd(10)} ${token}`),
    '',
    'A first query, the review queue:',
    `  curl -s ${url}/graphql -H 'content-type: application/json' \\`,
    `    -H 'authorization: Bearer ${operatorToken}' \\`,
    `    -d '${body}'`,
    '',
    'Infractions from the demo video appear within a minute of the first start. Ctrl-C stops everything.',
    '',
  ].join('\n');
}
