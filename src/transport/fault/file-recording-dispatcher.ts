// For fault tests of the writer process: every dispatched message (id, topic, partition,
// offset) is appended to a file, which outlives a SIGKILL (the kernel keeps what write()
// accepted), so the test can tell which messages reached the dispatcher and how often.
import { appendFile } from 'node:fs/promises';
import type { ParsedMessage } from '../messages/parse-message.js';
import type { DispatchContext, MessageDispatcher } from '../writer/message-dispatcher.js';

export class FileRecordingDispatcher implements MessageDispatcher {
  constructor(private readonly path: string) {}

  async dispatch(parsed: ParsedMessage, context: DispatchContext): Promise<void> {
    await appendFile(this.path, `${parsed.message.messageId} ${context.topic} ${context.partition} ${context.offset}\n`);
  }
}
