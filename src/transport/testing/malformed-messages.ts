// Malformed messages of the kinds a broken or outdated producer sends, each with the
// dead-letter reason the writer must give it.
import { aDeviceStatus, anInfraction, anObservation } from './message-builders.js';

export type TopicRole = 'observations' | 'infractions' | 'deviceStatus';

export interface Malformed {
  role: TopicRole;
  key: string;
  value: Buffer;
  expected: { kind: 'invalid-json' | 'schema'; paths: string[] };
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

export function malformedMessage(index: number, deviceId: string): Malformed {
  const deviceTime = new Date(Date.UTC(2026, 2, 1, 9) + index).toISOString();
  switch (index % 4) {
    case 0:
      return { role: 'observations', key: deviceId, value: Buffer.from(`{"deviceId":"${deviceId}",`), expected: { kind: 'invalid-json', paths: [] } };
    case 1: {
      const { zoneId: _zoneId, ...withoutZone } = anObservation({ deviceId, deviceTime });
      return { role: 'observations', key: deviceId, value: json(withoutZone), expected: { kind: 'schema', paths: ['zoneId'] } };
    }
    case 2: {
      const plate = { text: 'ABC-123', confidence: 2, reader: 'tesseract.js@7/eng' };
      return { role: 'infractions', key: deviceId, value: json({ ...anInfraction({ deviceId, deviceTime }), plate }), expected: { kind: 'schema', paths: ['plate.confidence'] } };
    }
    default:
      return { role: 'deviceStatus', key: deviceId, value: json({ ...aDeviceStatus({ deviceId, deviceTime }), fps: -1 }), expected: { kind: 'schema', paths: ['fps'] } };
  }
}
