import { describe, expect, it } from 'vitest';
import { applyHomography, type Homography, type PointPair } from '../shared/homography.js';
import { specFor } from '../testing/given.js';
import { admin, meta, service, supervisor } from '../testing/actors.js';
import type { Actor } from '../shared/actor.js';
import type { DeviceCommand } from './commands.js';
import { createDeviceDecider, deviceDecider } from './decide.js';
import type { DeviceEvent, DeviceStatus } from './events.js';

const given = specFor(deviceDecider);
const cmd = <C extends DeviceCommand>(type: C['type'], data: C['data'], by: Actor = admin()) => ({ type, data, metadata: meta(by) }) as C;
const register = (data: Partial<Extract<DeviceCommand, { type: 'RegisterDevice' }>['data']> = {}) =>
  cmd('RegisterDevice', { deviceId: 'cam-1', zoneId: 'zone-1', name: 'Av. Arequipa 1200', streamUrl: 'rtsp://10.0.0.5:554/live', ...data });
const calibrate = (referencePoints: PointPair[], by: Actor = supervisor()) => cmd('CalibrateDevice', { deviceId: 'cam-1', referencePoints }, by);
const changeStatus = (status: DeviceStatus, by: Actor = admin()) => cmd('ChangeDeviceStatus', { deviceId: 'cam-1', status, reason: 'lens cleaning' }, by);

const REGISTERED: DeviceEvent[] = [
  {
    type: 'DeviceRegistered',
    data: { deviceId: 'cam-1', zoneId: 'zone-1', name: 'Av. Arequipa 1200', streamUrl: 'rtsp://10.0.0.5:554/live', credentialsRef: null, registeredBy: 'user:ada' },
  },
];
const statusChanged = (status: DeviceStatus, previousStatus: DeviceStatus): DeviceEvent => ({
  type: 'DeviceStatusChanged',
  data: { deviceId: 'cam-1', status, previousStatus, reason: 'lens cleaning', changedBy: 'user:ada' },
});

const H: Homography = [0.02, 0.004, -12, 0.001, 0.09, -30, 0.00002, 0.0011, 1];
const IMAGE = [
  { x: 100, y: 400 },
  { x: 1800, y: 420 },
  { x: 300, y: 1000 },
  { x: 1600, y: 1050 },
  { x: 960, y: 700 },
];
const survey = (offset: (i: number) => number = () => 0): PointPair[] =>
  IMAGE.map((image, i) => {
    const ground = applyHomography(H, image);
    return { image, ground: { x: ground.x + offset(i), y: ground.y } };
  });

describe('registering a device', () => {
  it('registers with its zone and stream URL', () => given([]).when(register()).then(REGISTERED));

  it('never writes stream credentials into the event: the URL loses them, the reference stays', () => {
    const [event] = given([])
      .when(register({ streamUrl: 'rtsp://viewer:s3cret@10.0.0.5:554/live', credentialsRef: 'secret://devices/cam-1' }))
      .events();
    expect(event?.data).toMatchObject({ streamUrl: 'rtsp://10.0.0.5:554/live', credentialsRef: 'secret://devices/cam-1' });
    expect(JSON.stringify(event)).not.toMatch(/s3cret|viewer/);
  });

  it('refuses a URL with credentials but no reference to where they are kept', () =>
    given([]).when(register({ streamUrl: 'rtsp://viewer:s3cret@10.0.0.5/live' })).thenThrows('CREDENTIALS_REF_REQUIRED'));

  it('refuses something that is not a URL', () => given([]).when(register({ streamUrl: 'camera one' })).thenThrows('INVALID_STREAM_URL'));

  it('refuses to register the same device twice', () => given(REGISTERED).when(register()).thenThrows('DEVICE_ALREADY_REGISTERED'));
});

describe('calibrating', () => {
  it('records the homography, the reference points and the reprojection error in metres', () => {
    const [event] = given(REGISTERED).when(calibrate(survey())).events();
    expect(event?.type).toBe('DeviceCalibrated');
    if (event?.type !== 'DeviceCalibrated') return;
    event.data.homography.forEach((value, i) => expect(value).toBeCloseTo(H[i]!, 8));
    expect(event.data.reprojectionErrorMetres).toBeLessThan(1e-6);
    expect(event.data).toMatchObject({ referencePoints: survey(), calibratedBy: 'user:sam' });
  });

  it('refuses fewer than 4 reference points', () =>
    given(REGISTERED).when(calibrate(survey().slice(0, 3))).thenThrows('CALIBRATION_POINTS_REQUIRED'));

  it('refuses a reprojection error above the threshold (0.5 m by default)', () =>
    given(REGISTERED).when(calibrate(survey((i) => (i === 4 ? 3 : 0)))).thenThrows('CALIBRATION_ERROR_TOO_HIGH'));

  it('takes the threshold from the policy', () =>
    expect(specFor(createDeviceDecider({ maxCalibrationErrorMetres: 5 }))(REGISTERED).when(calibrate(survey((i) => (i === 4 ? 3 : 0)))).events()).toHaveLength(1));

  it('refuses collinear reference points', () => {
    const line = [0, 1, 2, 3].map((i) => ({ image: { x: i * 100, y: i * 100 }, ground: { x: i, y: i } }));
    given(REGISTERED).when(calibrate(line)).thenThrows('CALIBRATION_DEGENERATE');
  });

  it('refuses to calibrate an unknown device', () => given([]).when(calibrate(survey())).thenThrows('DEVICE_NOT_FOUND'));
});

describe('device status', () => {
  it('moves a device into maintenance', () =>
    given(REGISTERED).when(changeStatus('MAINTENANCE')).then([statusChanged('MAINTENANCE', 'ACTIVE')]));

  it('appends nothing when the status does not change', () => given(REGISTERED).when(changeStatus('ACTIVE')).then([]));

  it('lets the health monitor mark a silent device STALE, and ACTIVE again', () => {
    expect(given(REGISTERED).when(changeStatus('STALE', service('health'))).events()).toHaveLength(1);
    expect(given([...REGISTERED, statusChanged('STALE', 'ACTIVE')]).when(changeStatus('ACTIVE', service('health'))).events()).toHaveLength(1);
  });

  it('never lets the health monitor override a person: no ACTIVE out of MAINTENANCE', () =>
    given([...REGISTERED, statusChanged('MAINTENANCE', 'ACTIVE')]).when(changeStatus('ACTIVE', service('health'))).thenThrows('FORBIDDEN_ROLE'));

  it('never lets the health monitor disable a device', () =>
    given(REGISTERED).when(changeStatus('DISABLED', service('health'))).thenThrows('FORBIDDEN_ROLE'));
});
