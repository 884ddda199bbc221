// The minted token is one the API's verifier accepts, as the role and user asked for.
import { Command } from 'commander';
import { afterEach, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { createTokenVerifier } from '../../graphql/auth/token-verifier.js';
import { registerTokenCommand } from './token-command.js';

afterEach(() => vi.restoreAllMocks());

async function run(...args: string[]): Promise<string> {
  let printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  const program = new Command().exitOverride();
  registerTokenCommand(program);
  await program.parseAsync(['node', 'roadledger', 'token', ...args]);
  return printed.trim();
}

it('mints a token the API accepts, for the role and user asked for', async () => {
  const token = await run('--role', 'operator', '--user', 'u1', '--ttl', '15m');
  const viewer = await createTokenVerifier(loadConfig({}))(token);
  expect(viewer.actor).toEqual({ kind: 'user', userId: 'u1', role: 'operator' });
});

it('refuses a role that does not exist', async () => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await expect(run('--role', 'root', '--user', 'u1')).rejects.toThrow(/must be one of/);
});
