import { describe, expect, it } from 'vitest';
import { deviceStatusMessage } from './device-status-reporter.js';

const AT = new Date('2026-03-01T10:00:05.000Z');

describe('device status of a live source', () => {
  it('is online with the analysis rate while streaming', () => {
    expect(deviceStatusMessage('cam-1', { state: 'streaming' }, AT, 5)).toMatchObject({ deviceId: 'cam-1', status: 'online', fps: 5, deviceTime: '2026-03-01T10:00:05.000Z' });
  });

  it('is offline while reconnecting and once it gave up', () => {
    expect(deviceStatusMessage('cam-1', { state: 'reconnecting', attempt: 2, delayMs: 400, reason: 'stream ended' }, AT, 5)).toMatchObject({ status: 'offline', fps: 0 });
    expect(deviceStatusMessage('cam-1', { state: 'failed', reason: 'Connection refused' }, AT, 5)).toMatchObject({ status: 'offline', fps: 0 });
  });

  it('says nothing while merely connecting or at a clean end', () => {
    expect(deviceStatusMessage('cam-1', { state: 'connecting', attempt: 1 }, AT, 5)).toBeNull();
    expect(deviceStatusMessage('cam-1', { state: 'ended' }, AT, 5)).toBeNull();
  });

  it('gives a drop and a recovery at the same instant different ids', () => {
    const down = deviceStatusMessage('cam-1', { state: 'reconnecting', attempt: 1, delayMs: 200, reason: 'x' }, AT, 5)!;
    const up = deviceStatusMessage('cam-1', { state: 'streaming' }, AT, 5)!;
    expect(down.messageId).not.toBe(up.messageId);
  });
});
