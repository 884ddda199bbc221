// What the event writer hands a valid message to. The application implements it with the
// command bus (record detected infraction, record observation, heartbeat); the writer only
// needs to know whether the message was applied, can never be applied, or must be retried.
import type { ParsedMessage } from '../messages/parse-message.js';

export interface DispatchContext {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** When the transport accepted the record. */
  receivedAt: string;
}

export interface MessageDispatcher {
  /**
   * Resolves once the message's effect is durable (appended). Must be idempotent on the
   * message id: after a crash the same message is dispatched again.
   * Throws MessageRejectedError (or a DomainError) when the message can never be applied;
   * any other error is taken as transient and the same message is dispatched again.
   */
  dispatch(parsed: ParsedMessage, context: DispatchContext): Promise<void>;
}

/** The message is well-formed but the command side refuses it for good: dead-letter it. */
export class MessageRejectedError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'MessageRejectedError';
  }
}
