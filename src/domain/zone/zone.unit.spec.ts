import { describe, it } from 'vitest';
import type { Point } from '../shared/geometry.js';
import { specFor } from '../testing/given.js';
import { meta, supervisor, admin } from '../testing/actors.js';
import type { ZoneCommand } from './commands.js';
import { createZoneDecider, zoneDecider } from './decide.js';
import type { SignalSource, ZoneEvent } from './events.js';

const given = specFor(zoneDecider);
const cmd = <C extends ZoneCommand>(type: C['type'], data: C['data']) =>
  ({ type, data, metadata: meta(type === 'RegisterZone' ? admin() : supervisor()) }) as C;
const register = (data: Partial<Extract<ZoneCommand, { type: 'RegisterZone' }>['data']> = {}) =>
  cmd('RegisterZone', { zoneId: 'zone-1', name: 'Av. Javier Prado', speedLimitKmh: 60, jurisdiction: 'PE', ...data });
const REGISTERED: ZoneEvent[] = [
  { type: 'ZoneRegistered', data: { zoneId: 'zone-1', name: 'Av. Javier Prado', speedLimitKmh: 60, jurisdiction: 'PE', registeredBy: 'user:ada' } },
];
const lane = (polygon: Point[], laneId = 'lane-1') => ({ laneId, name: 'left', polygon });
const QUAD = [{ x: 100, y: 1000 }, { x: 600, y: 1000 }, { x: 900, y: 300 }, { x: 700, y: 300 }];

describe('zones', () => {
  it('registers a zone with its limit and jurisdiction', () => given([]).when(register()).then(REGISTERED));

  it('refuses a jurisdiction with no tolerance rule', () => given([]).when(register({ jurisdiction: 'XX' })).thenThrows('UNKNOWN_JURISDICTION'));

  it('accepts any jurisdiction the policy configures', () =>
    specFor(createZoneDecider({ tolerances: [{ jurisdiction: 'XX', fixedKmh: 2 }] }))([])
      .when(register({ jurisdiction: 'XX' }))
      .then([{ type: 'ZoneRegistered', data: { zoneId: 'zone-1', name: 'Av. Javier Prado', speedLimitKmh: 60, jurisdiction: 'XX', registeredBy: 'user:ada' } }]));

  it.each([0, -10, 250, Number.NaN])('refuses a speed limit of %d', (speedLimitKmh) =>
    given([]).when(register({ speedLimitKmh })).thenThrows('INVALID_SPEED_LIMIT'));

  it('refuses to register a zone twice', () => given(REGISTERED).when(register()).thenThrows('ZONE_ALREADY_REGISTERED'));

  it('sets a new speed limit, keeping the previous one', () =>
    given(REGISTERED)
      .when(cmd('SetSpeedLimit', { zoneId: 'zone-1', speedLimitKmh: 50 }))
      .then([{ type: 'ZoneSpeedLimitSet', data: { zoneId: 'zone-1', speedLimitKmh: 50, previousSpeedLimitKmh: 60, setBy: 'user:sam' } }]));

  it('refuses settings for an unknown zone', () =>
    given([]).when(cmd('SetSpeedLimit', { zoneId: 'zone-1', speedLimitKmh: 50 })).thenThrows('ZONE_NOT_FOUND'));
});

describe('lanes', () => {
  it('sets lanes given as simple polygons', () =>
    given(REGISTERED)
      .when(cmd('SetLanes', { zoneId: 'zone-1', lanes: [lane(QUAD)] }))
      .then([{ type: 'ZoneLanesSet', data: { zoneId: 'zone-1', lanes: [lane(QUAD)], setBy: 'user:sam' } }]));

  it('refuses a lane with fewer than 3 points', () =>
    given(REGISTERED).when(cmd('SetLanes', { zoneId: 'zone-1', lanes: [lane(QUAD.slice(0, 2))] })).thenThrows('INVALID_POLYGON'));

  it('refuses a self-intersecting lane', () => {
    const bowTie = [QUAD[0]!, QUAD[2]!, QUAD[1]!, QUAD[3]!];
    given(REGISTERED).when(cmd('SetLanes', { zoneId: 'zone-1', lanes: [lane(bowTie)] })).thenThrows('INVALID_POLYGON');
  });

  it('refuses two lanes with the same id', () =>
    given(REGISTERED).when(cmd('SetLanes', { zoneId: 'zone-1', lanes: [lane(QUAD), lane(QUAD)] })).thenThrows('INVALID_POLYGON'));
});

describe('stop line and signal', () => {
  const stopLine = { a: { x: 100, y: 800 }, b: { x: 1800, y: 820 } };

  it('sets the stop line', () =>
    given(REGISTERED)
      .when(cmd('SetStopLine', { zoneId: 'zone-1', stopLine }))
      .then([{ type: 'ZoneStopLineSet', data: { zoneId: 'zone-1', stopLine, setBy: 'user:sam' } }]));

  it('refuses a stop line of one point', () =>
    given(REGISTERED).when(cmd('SetStopLine', { zoneId: 'zone-1', stopLine: { a: stopLine.a, b: stopLine.a } })).thenThrows('INVALID_STOP_LINE'));

  const region: SignalSource = { kind: 'FRAME_REGION', region: { x: 1700, y: 40, width: 30, height: 80 } };
  const timetable: SignalSource = { kind: 'TIMETABLE', anchor: '2026-03-01T00:00:00.000Z', greenSeconds: 40, amberSeconds: 3, redSeconds: 37 };

  it.each([region, timetable])('sets a %s signal source', (signalSource) =>
    given(REGISTERED)
      .when(cmd('SetSignalSource', { zoneId: 'zone-1', signalSource }))
      .then([{ type: 'ZoneSignalSourceSet', data: { zoneId: 'zone-1', signalSource, setBy: 'user:sam' } }]));

  it.each<SignalSource>([
    { kind: 'FRAME_REGION', region: { x: 0, y: 0, width: 0, height: 10 } },
    { kind: 'TIMETABLE', anchor: 'yesterday', greenSeconds: 40, amberSeconds: 3, redSeconds: 37 },
    { kind: 'TIMETABLE', anchor: '2026-03-01T00:00:00.000Z', greenSeconds: 40, amberSeconds: 3, redSeconds: 0 },
  ])('refuses an unusable signal source %j', (signalSource) =>
    given(REGISTERED).when(cmd('SetSignalSource', { zoneId: 'zone-1', signalSource })).thenThrows('INVALID_SIGNAL_SOURCE'));
});
