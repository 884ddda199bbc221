// Sends one command through the Nest CommandBus as the token's actor, with the request's
// correlation id, and turns the outcome into a CommandResult. The command id is the
// client's, so a retried mutation appends nothing the second time.
import type { Command, CommandMetadata, EventEnvelope } from '../../domain/shared/message.js';
import type { CommandMessage } from '../../commands/runner/command-message.js';
import type { GraphQLContext } from '../context.js';
import { clientErrorFor } from '../errors.js';
import type { CommandResultView } from '../views/command-result.js';
import { arg } from './arguments.js';
import { z } from 'zod';

export const CommandIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/, 'must be 8 to 128 letters, digits or . _ : - (a UUID is a good choice)');

interface Outcome {
  streamName: string;
  revision: number;
  events: readonly EventEnvelope[];
  duplicate: boolean;
}

export function metadataFor(context: GraphQLContext, commandId: string): CommandMetadata {
  return {
    commandId: arg(CommandIdSchema, commandId, 'commandId'),
    correlationId: context.correlationId,
    actor: context.viewer.actor,
    now: context.services.now().toISOString(),
  };
}

export async function sendCommand<C extends Command>(
  context: GraphQLContext,
  message: CommandMessage<C, unknown>,
): Promise<CommandResultView> {
  let outcome: Outcome;
  try {
    outcome = (await context.services.commandBus.execute(message)) as Outcome;
  } catch (error) {
    // A known refusal carries its HTTP status; anything else goes to formatError as is.
    throw clientErrorFor(error) ?? error;
  }
  const data = message.command.data as { infractionId?: unknown };
  return {
    commandId: message.command.metadata.commandId,
    duplicate: outcome.duplicate,
    stream: outcome.streamName,
    revision: outcome.revision,
    events: outcome.events.map((event) => event.type),
    infractionId: typeof data.infractionId === 'string' ? data.infractionId : null,
  };
}
