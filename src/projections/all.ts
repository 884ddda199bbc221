// Every read model the service runs, by name.
import { deviceStatsProjection } from './device-stats/projection.js';
import { finesLedgerProjection } from './fines-ledger/projection.js';
import { infractionTimelineProjection } from './infraction-timeline/projection.js';
import { infractionsProjection } from './infractions/projection.js';
import { operatorWorkloadProjection } from './operator-workload/projection.js';
import type { Projection } from './runner/projection.js';
import { topViolatorsProjection } from './top-violators/projection.js';
import { vehicleStatsProjection } from './vehicle-stats/projection.js';
import { zoneDailyStatsProjection } from './zone-daily-stats/projection.js';
import { zonesProjection } from './zones/projection.js';
import { vehicleRiskProjection } from './vehicle-risk/projection.js';

export const ALL_PROJECTIONS: readonly Projection[] = [
  infractionsProjection,
  infractionTimelineProjection,
  zoneDailyStatsProjection,
  topViolatorsProjection,
  deviceStatsProjection,
  vehicleStatsProjection,
  finesLedgerProjection,
  operatorWorkloadProjection,
  zonesProjection,
  vehicleRiskProjection,
];
