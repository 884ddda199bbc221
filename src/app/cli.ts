#!/usr/bin/env node
// The `roadledger` command. Each group of subcommands lives in its own module under
// src/app/cli/ and registers itself on the program here.
import 'reflect-metadata';
import { Command } from 'commander';
import { registerProjectionsCommand } from './cli/projections-command.js';
import { registerStartCommand } from './cli/start-command.js';
import { registerTokenCommand } from './cli/token-command.js';
import { synthCommand } from '../ingest/synth/cli.js';
import { ingestCommand } from './cli/ingest-command.js';

const program = new Command()
  .name('roadledger')
  .description('Roadledger: event-sourced traffic-enforcement backend')
  .showHelpAfterError();

registerStartCommand(program);
registerProjectionsCommand(program);
registerTokenCommand(program);
program.addCommand(synthCommand());
program.addCommand(ingestCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
