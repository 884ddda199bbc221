// The risk score through GraphQL with RISK_MODEL_PATH set: the real ONNX fixture on
// onnxruntime-node, fed the factors of a vehicle whose one offence was validated an hour ago.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from '../../graphql/testing/api-world.js';
import { commandId, detection, PUBLISH_SCHEDULE, RECORD_DETECTED, SCHEDULE } from '../../graphql/testing/operations.js';

const MODEL = 'test/fixtures/models/risk/risk-linear.onnx';
const RISK = '{ vehicleRisk(plate: "xyz-789") { plate score factors { name value weight points } scorer { kind modelFile modelSha256 modelOutput fallbackReason } } }';
let world: ApiWorld;

async function ok(role: Parameters<ApiWorld['token']>[0], query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await world.gql(await world.token(role), query, { commandId: commandId(), ...variables });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}

beforeAll(async () => {
  world = await apiWorld({ RISK_MODEL_PATH: MODEL });
  await ok('admin', PUBLISH_SCHEDULE, { schedule: SCHEDULE });
  await ok('admin', 'mutation($commandId: ID!) { registerZone(commandId: $commandId, zoneId: "zone-k", name: "Av. Brasil", speedLimitKmh: 50, jurisdiction: "PE") { events } }');
  await ok('admin', 'mutation($commandId: ID!) { registerDevice(commandId: $commandId, deviceId: "device-1", zoneId: "zone-k", name: "south", streamUrl: "rtsp://10.0.0.7/s") { events } }');
  const input = { ...detection({ infractionId: 'k-1', zoneId: 'zone-k' }), plate: { text: 'XYZ-789', confidence: 0.95, reader: 'ocr' } };
  await ok('device', RECORD_DETECTED, { input });
  await ok('operator', 'mutation($commandId: ID!) { validateInfraction(commandId: $commandId, infractionId: "k-1") { events } }');
});
afterAll(async () => world?.close());

it('scores the vehicle with the model, naming it, and shows the factors it was fed', async () => {
  let data = await ok('supervisor', RISK);
  for (let attempt = 0; attempt < 100 && (data.vehicleRisk as { factors: { value: number }[] }).factors[0]!.value === 0; attempt++) {
    await sleep(50);
    data = await ok('supervisor', RISK);
  }
  // Features [1, 1, 0, 0]: 1*1 + 2*1 - 3 = 0, sigmoid 0.5, score 50 (the formula would say 15).
  expect(data.vehicleRisk).toEqual({
    plate: 'XYZ-789',
    score: 50,
    factors: [
      { name: 'confirmed_offences', value: 1, weight: null, points: null },
      { name: 'recent_offences', value: 1, weight: null, points: null },
      { name: 'repeat_offences', value: 0, weight: null, points: null },
      { name: 'unpaid_fines', value: 0, weight: null, points: null },
    ],
    scorer: {
      kind: 'MODEL',
      modelFile: 'risk-linear.onnx',
      modelSha256: createHash('sha256').update(await readFile(MODEL)).digest('hex'),
      modelOutput: 0.5,
      fallbackReason: null,
    },
  });
});
