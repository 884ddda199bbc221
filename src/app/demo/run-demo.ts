// The demo that `npm start` runs in the background on the embedded defaults: reference
// data through the command bus, then the generated road video through the real ingest
// pipeline, whose messages the event writer turns into infractions.
import type { CommandBus } from '@nestjs/cqrs';
import { send } from '../../commands/command-messages.js';
import type { ToleranceRule } from '../../domain/shared/tolerance.js';
import type { EvidenceStore } from '../../evidence/port.js';
import { ingestVideo } from '../../ingest/pipeline/ingest-video.js';
import { deviceSettingsFromTruth } from '../../ingest/synth/device-settings-from-truth.js';
import type { TransportProducer } from '../../transport/port.js';
import type { Logger } from '../logger.js';
import { DEMO_DEVICE_ID, DEMO_JURISDICTION, DEMO_ZONE_ID, demoCommands } from './demo-commands.js';
import { ensureDemoVideo } from './demo-video.js';

export interface DemoDependencies {
  dataDir: string;
  bus: CommandBus;
  evidence: EvidenceStore;
  publisher: TransportProducer;
  tolerances: readonly ToleranceRule[];
  logger: Logger;
}

export async function runDemo(deps: DemoDependencies): Promise<void> {
  const logger = deps.logger.child({ component: 'demo' });
  const video = await ensureDemoVideo(deps.dataDir, logger);
  // A creating command repeated on a second start is recognised by the store's event ids and
  // reported as not a duplicate, so counting outcomes cannot tell "created" from "present".
  let commands = 0;
  let recognisedRepeats = 0;
  for (const command of demoCommands(video.truth, video.file, new Date().toISOString())) {
    const outcome = await send(deps.bus, command);
    commands += 1;
    if (outcome.duplicate) recognisedRepeats += 1;
  }
  logger.info({ commands, recognisedRepeats, zoneId: DEMO_ZONE_ID, deviceId: DEMO_DEVICE_ID }, 'demo reference data in place');

  logger.info({ file: video.file }, 'ingesting the demo video');
  let lastLogged = 0;
  const summary = await ingestVideo({
    input: video.file,
    device: deviceSettingsFromTruth(video.truth, { deviceId: DEMO_DEVICE_ID, zoneId: DEMO_ZONE_ID, jurisdiction: DEMO_JURISDICTION }),
    evidence: deps.evidence,
    publisher: deps.publisher,
    tolerances: deps.tolerances,
    logger,
    onProgress: (progress) => {
      if (progress.frames - lastLogged >= 20) {
        lastLogged = progress.frames;
        logger.info({ ...progress }, 'demo ingest progress');
      }
    },
  });
  logger.info({ passages: summary.passages, infractions: summary.infractions, byType: summary.infractionsByType, realTimeFactor: summary.realTimeFactor }, 'demo video ingested');
}
