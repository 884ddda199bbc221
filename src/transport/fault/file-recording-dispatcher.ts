// For fault tests of the writer process: every message the real dispatcher applied (id,
// topic, partition, offset) is appended to a file once its dispatch resolved. The file
// outlives a SIGKILL (the kernel keeps what write() accepted), so the test can tell which
// messages were applied and how often they were handed over.
import { appendFile } from 'node:fs/promises';
import type { ParsedMessage } from '../messages/parse-message.js';
import type { DispatchContext, MessageDispatcher } from '../writer/message-dispatcher.js';

export class FileRecordingDispatcher implements MessageDispatcher {
  constructor(
    private readonly path: string,
    private readonly inner: MessageDispatcher,
  ) {}

  async dispatch(parsed: ParsedMessage, context: DispatchContext): Promise<void> {
    await this.inner.dispatch(parsed, context);
    await appendFile(this.path, `${parsed.message.messageId} ${context.topic} ${context.partition} ${context.offset}\n`);
  }
}
