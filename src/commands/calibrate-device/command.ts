import type { CalibrateDevice } from '../../domain/device/commands.js';
import { DomainCommandMessage } from '../runner/command-message.js';

/** A device gets its image-to-ground homography from reference points. */
export class CalibrateDeviceCommand extends DomainCommandMessage<CalibrateDevice> {}
