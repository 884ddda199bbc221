// `roadledger token --role operator --user u1 [--ttl 8h]`: mints a bearer token signed with
// the configured JWT_SECRET, for local use of the API (curl, the explorer, scripts).
import { InvalidArgumentError, type Command } from 'commander';
import { TOKEN_ROLES, type TokenRole } from '../../graphql/auth/claims.js';
import { mintToken } from '../../graphql/auth/mint-token.js';
import { loadConfig } from '../config.js';

function role(value: string): TokenRole {
  if (!(TOKEN_ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${TOKEN_ROLES.join(', ')}`);
  return value as TokenRole;
}

function ttl(value: string): string {
  if (!/^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)$/i.test(value)) throw new InvalidArgumentError('a span such as 15m, 8h or 7d');
  return value;
}

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('print a bearer token for the GraphQL API (HS256 with JWT_SECRET)')
    .requiredOption('--role <role>', `${TOKEN_ROLES.join(' | ')}`, role)
    .requiredOption('--user <id>', 'the user id (sub); for --role device the device id, for --role service its name')
    .option('--ttl <span>', 'how long the token is valid', ttl, '8h')
    .action(async (options: { role: TokenRole; user: string; ttl: string }) => {
      const config = loadConfig();
      if (config.JWT_JWKS_URL) {
        console.error('JWT_JWKS_URL is set: the API accepts RS256 tokens from that key set only, so a locally minted token would be refused.');
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${await mintToken({ secret: config.JWT_SECRET, role: options.role, subject: options.user, ttl: options.ttl })}\n`);
    });
}
