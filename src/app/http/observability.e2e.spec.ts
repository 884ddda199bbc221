// Operators of a running service look at /health, /ready and /metrics: the process answers,
// its database and event store answer, and the figures of the work done are exported.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiWorld, type ApiWorld } from '../../graphql/testing/api-world.js';
import { commandId, PUBLISH_SCHEDULE, SCHEDULE } from '../../graphql/testing/operations.js';

let world: ApiWorld;

beforeAll(async () => {
  world = await apiWorld();
});

afterAll(async () => {
  await world?.close();
});

it('answers /health and /ready with the event store head', async () => {
  const health = await fetch(`${world.server.url}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${world.server.url}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready', head: expect.stringMatching(/^\d+\/\d+$/) });
});

it('exports command outcomes, GraphQL latency and process figures at /metrics', async () => {
  const published = await world.gql(await world.token('admin', 'admin-1'), PUBLISH_SCHEDULE, { commandId: commandId(), schedule: SCHEDULE });
  expect(published.errors).toBeUndefined();
  const response = await fetch(`${world.server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  expect(text).toMatch(/roadledger_commands_total\{command="PublishFineSchedule",outcome="[a-z_]+"\} 1/);
  expect(text).toMatch(/roadledger_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} [1-9]/);
  expect(text).toMatch(/roadledger_event_store_appends_total\{outcome="appended"\} [1-9]/);
  expect(text).toContain('roadledger_process_resident_memory_bytes');
});
