// A dispatcher that only remembers what it was handed, for tests of the transport and the
// writer (the command side is not what they are about). It can be told to fail.
import type { ParsedMessage } from '../messages/parse-message.js';
import type { DispatchContext, MessageDispatcher } from '../writer/message-dispatcher.js';

export interface Dispatched {
  parsed: ParsedMessage;
  context: DispatchContext;
}

export class RecordingDispatcher implements MessageDispatcher {
  readonly dispatched: Dispatched[] = [];
  readonly attempts = new Map<string, number>();

  /** Returns the error to throw for a message, or undefined to accept it. */
  constructor(private readonly failure: (parsed: ParsedMessage, attempt: number) => Error | undefined = () => undefined) {}

  async dispatch(parsed: ParsedMessage, context: DispatchContext): Promise<void> {
    const attempt = (this.attempts.get(parsed.message.messageId) ?? 0) + 1;
    this.attempts.set(parsed.message.messageId, attempt);
    const error = this.failure(parsed, attempt);
    if (error) throw error;
    this.dispatched.push({ parsed, context });
  }

  idsOf(deviceId: string): string[] {
    return this.dispatched.filter((entry) => entry.parsed.message.deviceId === deviceId).map((entry) => entry.parsed.message.messageId);
  }
}
