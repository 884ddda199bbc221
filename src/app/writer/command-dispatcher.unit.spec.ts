import type { CommandBus } from '@nestjs/cqrs';
import { describe, expect, it } from 'vitest';
import { aDeviceStatus } from '../../transport/testing/message-builders.js';
import type { DispatchContext } from '../../transport/writer/message-dispatcher.js';
import { CommandDispatcher } from './command-dispatcher.js';
import type { ZoneDirectory } from './zone-directory.js';

const context: DispatchContext = { topic: 'traffic.device-status.v1', partition: 0, offset: '7', key: 'cam-1', receivedAt: '2026-03-01T10:00:06.000Z' };

function dispatcherRecording(): { dispatcher: CommandDispatcher; sent: unknown[] } {
  const sent: unknown[] = [];
  const bus = { execute: async (command: unknown) => (sent.push(command), { status: 'APPLIED' }) } as unknown as CommandBus;
  return { dispatcher: new CommandDispatcher(bus, {} as ZoneDirectory, []), sent };
}

describe('device-status messages in the writer', () => {
  it('records an online status as a heartbeat', async () => {
    const { dispatcher, sent } = dispatcherRecording();
    await dispatcher.dispatch({ kind: 'device-status', message: aDeviceStatus({ status: 'online' }) }, context);
    expect(sent).toHaveLength(1);
  });

  it('records no heartbeat for an offline status: a camera whose stream is down is not alive', async () => {
    const { dispatcher, sent } = dispatcherRecording();
    await dispatcher.dispatch({ kind: 'device-status', message: aDeviceStatus({ status: 'offline', fps: 0 }) }, context);
    expect(sent).toEqual([]);
  });
});
