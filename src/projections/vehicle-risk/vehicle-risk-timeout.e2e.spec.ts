// vehicleRisk through GraphQL with a model slower than RISK_MODEL_TIMEOUT_MS (the real
// risk-slow.onnx, about 2 s a run): the query answers with the formula and says why, and
// while the abandoned run goes on the next query does not wait for it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from '../../graphql/testing/api-world.js';

const RISK = '{ vehicleRisk(plate: "abc-123") { score scorer { kind modelFile modelOutput fallbackReason } } }';
let world: ApiWorld;

async function risk(): Promise<{ score: number; scorer: Record<string, unknown> }> {
  const response = await world.gql(await world.token('supervisor'), RISK);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return (response.data as { vehicleRisk: { score: number; scorer: Record<string, unknown> } }).vehicleRisk;
}

beforeAll(async () => {
  world = await apiWorld({ RISK_MODEL_PATH: 'test/fixtures/models/risk/risk-slow.onnx', RISK_MODEL_TIMEOUT_MS: 100 });
});
afterAll(async () => world?.close());

it('answers with the formula when the model runs over the limit, naming the model and the reason', async () => {
  // A plate with no offence: the formula says 0, the model would say sigmoid(-3) = 5.
  expect(await risk()).toEqual({
    score: 0,
    scorer: {
      kind: 'FORMULA',
      modelFile: 'risk-slow.onnx',
      modelOutput: null,
      fallbackReason: 'model risk-slow.onnx failed: no answer within 100 ms (RISK_MODEL_TIMEOUT_MS); the run goes on and is ignored',
    },
  });
  const meanwhile = await risk();
  expect(meanwhile.scorer.fallbackReason).toMatch(/^model risk-slow\.onnx failed: it is still running a call that started \d+ ms ago, past the limit of 100 ms/);
});
