import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { InfractionView } from '../views/infraction-view.js';
import type { EvidenceRef } from '../../domain/infraction/events.js';
import type { InfractionChangeView } from '../views/infraction-change.js';
import type { CommandResultView } from '../views/command-result.js';
import type { InfractionConnectionView } from '../views/infraction-connection.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar day, yyyy-mm-dd (UTC). */
  Date: { input: string; output: string; }
  /** An ISO-8601 instant with an offset, e.g. 2026-03-01T08:15:00Z. */
  DateTime: { input: string; output: string; }
  JSON: { input: unknown; output: unknown; }
};

export type Actor = {
  __typename?: 'Actor';
  /** user id, device id or service name */
  id: Scalars['String']['output'];
  kind: ActorKind;
  /** Set for users only. */
  role: Maybe<Role>;
};

export type ActorKind =
  | 'DEVICE'
  | 'SERVICE'
  | 'USER';

/** Amount in minor units per infraction type; SPEED_VIOLATION is priced by speedBands. */
export type AmountsByTypeInput = {
  LANE_INVASION: Scalars['Int']['input'];
  NO_SEATBELT: Scalars['Int']['input'];
  OTHER: Scalars['Int']['input'];
  PHONE_USAGE: Scalars['Int']['input'];
  RED_LIGHT: Scalars['Int']['input'];
};

export type Appeal = {
  __typename?: 'Appeal';
  id: Scalars['ID']['output'];
  outcome: Maybe<AppealOutcome>;
};

export type AppealOutcome =
  | 'ACCEPTED'
  | 'DISMISSED';

/** What a mutation returns. */
export type CommandResult = {
  __typename?: 'CommandResult';
  commandId: Scalars['ID']['output'];
  /** True when this commandId had already been applied: nothing new was appended. */
  duplicate: Scalars['Boolean']['output'];
  /** Types of the events the command produced (empty when it changed nothing). */
  events: Array<Scalars['String']['output']>;
  /** The infraction after the command, folded from its stream (infraction commands only). */
  infraction: Maybe<Infraction>;
  /** Revision of the stream's last event after the command. */
  revision: Scalars['Int']['output'];
  stream: Scalars['String']['output'];
};

/** Counts of one zone, day (UTC) and infraction type. */
export type DailyReportLine = {
  __typename?: 'DailyReportLine';
  day: Scalars['Date']['output'];
  detected: Scalars['Int']['output'];
  fined: Scalars['Int']['output'];
  /** Sum of the fines issued, in minor units. */
  finesMinor: Scalars['Float']['output'];
  rejected: Scalars['Int']['output'];
  type: InfractionType;
  validated: Scalars['Int']['output'];
  zoneId: Scalars['ID']['output'];
};

/** A camera device as the operations screens list it (device-stats read model). */
export type Device = {
  __typename?: 'Device';
  /** When the camera was registered. */
  firstSeenAt: Maybe<Scalars['DateTime']['output']>;
  heartbeats: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  infractions: Scalars['Int']['output'];
  lastFps: Maybe<Scalars['Float']['output']>;
  lastHeartbeatAt: Maybe<Scalars['DateTime']['output']>;
  lastInfractionAt: Maybe<Scalars['DateTime']['output']>;
  lastLatencyMs: Maybe<Scalars['Float']['output']>;
  lastObservationAt: Maybe<Scalars['DateTime']['output']>;
  name: Maybe<Scalars['String']['output']>;
  observations: Scalars['Int']['output'];
  reprojectionErrorMetres: Maybe<Scalars['Float']['output']>;
  status: Maybe<DeviceStatus>;
  /** When its current status began. */
  statusSince: Maybe<Scalars['DateTime']['output']>;
  /** Since first seen, up to the query's `at` (default: the time of the query). */
  uptime: DeviceUptime;
  zoneId: Maybe<Scalars['ID']['output']>;
};

/** One camera's UTC day: its uptime and its heartbeats. */
export type DeviceDay = {
  __typename?: 'DeviceDay';
  day: Scalars['Date']['output'];
  heartbeats: Scalars['Int']['output'];
  meanFps: Maybe<Scalars['Float']['output']>;
  meanLatencyMs: Maybe<Scalars['Float']['output']>;
  uptime: DeviceUptime;
};

export type DeviceStatus =
  | 'ACTIVE'
  | 'DISABLED'
  | 'MAINTENANCE'
  | 'STALE';

/** Time a camera spent in each status over a period, in seconds (from the status events' times). */
export type DeviceUptime = {
  __typename?: 'DeviceUptime';
  activeSeconds: Scalars['Float']['output'];
  /** MAINTENANCE or DISABLED: planned, so counted neither up nor down. */
  otherSeconds: Scalars['Float']['output'];
  /** activeSeconds / (activeSeconds + staleSeconds); null when the camera was neither. */
  ratio: Maybe<Scalars['Float']['output']>;
  staleSeconds: Scalars['Float']['output'];
};

export type Evidence = {
  __typename?: 'Evidence';
  contentType: Maybe<Scalars['String']['output']>;
  kind: EvidenceKind;
  sha256: Scalars['String']['output'];
  /** A short-lived signed URL to fetch the file. */
  url: Scalars['String']['output'];
};

export type EvidenceInput = {
  contentType?: InputMaybe<Scalars['String']['input']>;
  kind: EvidenceKind;
  /** Lower-case hex SHA-256 of the file (64 characters). */
  sha256: Scalars['String']['input'];
  uri: Scalars['String']['input'];
};

export type EvidenceKind =
  | 'CLIP'
  | 'OTHER'
  | 'PLATE_CROP'
  | 'SNAPSHOT';

export type FineScheduleInput = {
  amountsByType: AmountsByTypeInput;
  currency: Scalars['String']['input'];
  effectiveFrom: Scalars['DateTime']['input'];
  speedBands: Array<SpeedBandInput>;
  version: Scalars['Int']['input'];
};

/** Fines by schedule version and currency; amounts in minor units. */
export type FinesLedgerLine = {
  __typename?: 'FinesLedgerLine';
  cancelledCount: Scalars['Int']['output'];
  cancelledMinor: Scalars['Float']['output'];
  currency: Scalars['String']['output'];
  issuedCount: Scalars['Int']['output'];
  issuedMinor: Scalars['Float']['output'];
  outstandingCount: Scalars['Int']['output'];
  outstandingMinor: Scalars['Float']['output'];
  paidCount: Scalars['Int']['output'];
  paidMinor: Scalars['Float']['output'];
  scheduleVersion: Scalars['Int']['output'];
};

export type HeartbeatInput = {
  at: Scalars['DateTime']['input'];
  deviceId: Scalars['ID']['input'];
  fps: Scalars['Float']['input'];
  latencyMs: Scalars['Float']['input'];
};

export type HistoryEntry = {
  __typename?: 'HistoryEntry';
  actor: Actor;
  commandId: Scalars['String']['output'];
  correlationId: Scalars['String']['output'];
  data: Scalars['JSON']['output'];
  hash: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  previousHash: Scalars['String']['output'];
  /** The reason, grounds or note the person gave, when the event carries one. */
  reason: Maybe<Scalars['String']['output']>;
  /** When the event store recorded the event: what as-of queries fold by. */
  recordedAt: Scalars['DateTime']['output'];
  revision: Scalars['Int']['output'];
  type: Scalars['String']['output'];
};

/** A point in a camera's image (pixels). */
export type ImagePoint = {
  __typename?: 'ImagePoint';
  x: Scalars['Float']['output'];
  y: Scalars['Float']['output'];
};

export type Infraction = {
  __typename?: 'Infraction';
  appeal: Maybe<Appeal>;
  deviceId: Scalars['ID']['output'];
  evidence: Array<Evidence>;
  fine: Maybe<Money>;
  fineScheduleVersion: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** Null until the owner was identified from the vehicle registry. */
  owner: Maybe<Owner>;
  paidAt: Maybe<Scalars['DateTime']['output']>;
  plate: Maybe<Plate>;
  rejectionReason: Maybe<RejectionReason>;
  reviewDeadline: Scalars['DateTime']['output'];
  /** Revision of the infraction's stream this view reflects (0 = the detection). */
  revision: Scalars['Int']['output'];
  speed: Maybe<SpeedMeasurement>;
  status: InfractionStatus;
  type: InfractionType;
  validatedBy: Maybe<Scalars['String']['output']>;
  zoneId: Scalars['ID']['output'];
};

/** One event of an infraction's stream, and the infraction as that event left it. */
export type InfractionChange = {
  __typename?: 'InfractionChange';
  event: HistoryEntry;
  infraction: Maybe<Infraction>;
};

export type InfractionConnection = {
  __typename?: 'InfractionConnection';
  edges: Array<InfractionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type InfractionDetectedFilter = {
  deviceId?: InputMaybe<Scalars['ID']['input']>;
  type?: InputMaybe<Array<InfractionType>>;
  zoneId?: InputMaybe<Scalars['ID']['input']>;
};

export type InfractionEdge = {
  __typename?: 'InfractionEdge';
  cursor: Scalars['String']['output'];
  node: Infraction;
};

export type InfractionFilter = {
  deviceId?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive lower bound on occurredAt. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  plate?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<InfractionStatus>>;
  /** Exclusive upper bound on occurredAt. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  type?: InputMaybe<Array<InfractionType>>;
  zoneId?: InputMaybe<Scalars['ID']['input']>;
};

export type InfractionSnapshot = {
  __typename?: 'InfractionSnapshot';
  asOf: Scalars['DateTime']['output'];
  /** The state folded from the events recorded up to the instant asked for; null when none was. */
  infraction: Maybe<Infraction>;
  /** Revision of the last event folded; -1 when none was. */
  revision: Scalars['Int']['output'];
};

export type InfractionStatus =
  | 'APPEALED'
  | 'CANCELLED'
  | 'DETECTED'
  | 'EXPIRED'
  | 'FINED'
  | 'PAID'
  | 'REJECTED'
  | 'VALIDATED';

export type InfractionType =
  | 'LANE_INVASION'
  | 'NO_SEATBELT'
  | 'OTHER'
  | 'PHONE_USAGE'
  | 'RED_LIGHT'
  | 'SPEED_VIOLATION';

export type LaneInput = {
  laneId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  polygon: Array<PointInput>;
};

export type Money = {
  __typename?: 'Money';
  /** Amount in minor units (cents). */
  amountMinor: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
};

export type MoneyInput = {
  amountMinor: Scalars['Int']['input'];
  currency: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  calibrateDevice: CommandResult;
  cancelInfraction: CommandResult;
  changeDeviceStatus: CommandResult;
  confirmPlate: CommandResult;
  correctPlate: CommandResult;
  /** Deletes the person's key (admin): their data becomes unreadable while every event still verifies. */
  erasePersonalData: CommandResult;
  expireInfraction: CommandResult;
  fileAppeal: CommandResult;
  /** The registry's answer about the owner; stored only encrypted with the person's own key. */
  identifyOwner: CommandResult;
  /** Priced from the fine schedule version in force when the infraction occurred. */
  issueFine: CommandResult;
  publishFineSchedule: CommandResult;
  recordHeartbeat: CommandResult;
  recordInfractionDetected: CommandResult;
  recordObservation: CommandResult;
  recordPayment: CommandResult;
  registerDevice: CommandResult;
  registerZone: CommandResult;
  rejectInfraction: CommandResult;
  resolveAppeal: CommandResult;
  setLanes: CommandResult;
  setSignalSource: CommandResult;
  setSpeedLimit: CommandResult;
  setStopLine: CommandResult;
  validateInfraction: CommandResult;
};


export type MutationCalibrateDeviceArgs = {
  commandId: Scalars['ID']['input'];
  deviceId: Scalars['ID']['input'];
  referencePoints: Array<ReferencePointInput>;
};


export type MutationCancelInfractionArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationChangeDeviceStatusArgs = {
  commandId: Scalars['ID']['input'];
  deviceId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  status: DeviceStatus;
};


export type MutationConfirmPlateArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
};


export type MutationCorrectPlateArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
  plate: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};


export type MutationErasePersonalDataArgs = {
  commandId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  subjectId: Scalars['ID']['input'];
};


export type MutationExpireInfractionArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
};


export type MutationFileAppealArgs = {
  appealId: Scalars['ID']['input'];
  commandId: Scalars['ID']['input'];
  grounds: Scalars['String']['input'];
  infractionId: Scalars['ID']['input'];
};


export type MutationIdentifyOwnerArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
  owner: OwnerInput;
  plate: Scalars['String']['input'];
  registry: Scalars['String']['input'];
};


export type MutationIssueFineArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
};


export type MutationPublishFineScheduleArgs = {
  commandId: Scalars['ID']['input'];
  schedule: FineScheduleInput;
};


export type MutationRecordHeartbeatArgs = {
  commandId: Scalars['ID']['input'];
  input: HeartbeatInput;
};


export type MutationRecordInfractionDetectedArgs = {
  commandId: Scalars['ID']['input'];
  input: RecordInfractionDetectedInput;
};


export type MutationRecordObservationArgs = {
  commandId: Scalars['ID']['input'];
  input: ObservationInput;
};


export type MutationRecordPaymentArgs = {
  amount: MoneyInput;
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
  paidAt: Scalars['DateTime']['input'];
  paymentId: Scalars['ID']['input'];
  receipt?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRegisterDeviceArgs = {
  commandId: Scalars['ID']['input'];
  credentialsRef?: InputMaybe<Scalars['String']['input']>;
  deviceId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  streamUrl: Scalars['String']['input'];
  zoneId: Scalars['ID']['input'];
};


export type MutationRegisterZoneArgs = {
  commandId: Scalars['ID']['input'];
  jurisdiction: Scalars['String']['input'];
  name: Scalars['String']['input'];
  speedLimitKmh: Scalars['Float']['input'];
  zoneId: Scalars['ID']['input'];
};


export type MutationRejectInfractionArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  reason: RejectionReason;
};


export type MutationResolveAppealArgs = {
  appealId: Scalars['ID']['input'];
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
  outcome: AppealOutcome;
  reason: Scalars['String']['input'];
};


export type MutationSetLanesArgs = {
  commandId: Scalars['ID']['input'];
  lanes: Array<LaneInput>;
  zoneId: Scalars['ID']['input'];
};


export type MutationSetSignalSourceArgs = {
  commandId: Scalars['ID']['input'];
  signalSource: SignalSourceInput;
  zoneId: Scalars['ID']['input'];
};


export type MutationSetSpeedLimitArgs = {
  commandId: Scalars['ID']['input'];
  speedLimitKmh: Scalars['Float']['input'];
  zoneId: Scalars['ID']['input'];
};


export type MutationSetStopLineArgs = {
  commandId: Scalars['ID']['input'];
  from: PointInput;
  to: PointInput;
  zoneId: Scalars['ID']['input'];
};


export type MutationValidateInfractionArgs = {
  commandId: Scalars['ID']['input'];
  infractionId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};

export type ObservationInput = {
  deviceId: Scalars['ID']['input'];
  lane?: InputMaybe<Scalars['String']['input']>;
  observationId: Scalars['ID']['input'];
  observedAt: Scalars['DateTime']['input'];
  plate?: InputMaybe<PlateInput>;
  speedKmh?: InputMaybe<Scalars['Float']['input']>;
  trackId: Scalars['String']['input'];
};

export type OperatorWorkload = {
  __typename?: 'OperatorWorkload';
  day: Scalars['Date']['output'];
  medianSecondsToDecision: Maybe<Scalars['Float']['output']>;
  operator: Scalars['String']['output'];
  rejected: Scalars['Int']['output'];
  validated: Scalars['Int']['output'];
};

/** The vehicle owner, as the caller's role may see it. */
export type Owner = {
  __typename?: 'Owner';
  documentNumber: Maybe<Scalars['String']['output']>;
  name: Maybe<Scalars['String']['output']>;
  /** The person's pseudonymous id (not personal data): what erasePersonalData takes. */
  subjectId: Scalars['ID']['output'];
  visibility: OwnerVisibility;
};

export type OwnerInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  documentNumber: Scalars['String']['input'];
  documentType: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type OwnerVisibility =
  /** The person's key was deleted: the data can never be read again. */
  | 'ERASED'
  /** Initials and the last digits only (operators). */
  | 'MASKED'
  /** Shown in clear (supervisors, auditors, admins). */
  | 'VISIBLE';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Plate = {
  __typename?: 'Plate';
  /** The reader's confidence (0..1) in its first read; null when no reader produced one. */
  confidence: Maybe<Scalars['Float']['output']>;
  /** The plate in force: the reader's text, or what a person confirmed or corrected it to. */
  text: Scalars['String']['output'];
  /** True once a person confirmed or corrected the plate. */
  verified: Scalars['Boolean']['output'];
};

export type PlateInput = {
  confidence: Scalars['Float']['input'];
  reader: Scalars['String']['input'];
  text: Scalars['String']['input'];
};

export type PointInput = {
  x: Scalars['Float']['input'];
  y: Scalars['Float']['input'];
};

export type ProjectionState =
  | 'CATCHING_UP'
  | 'FAILED'
  | 'LIVE'
  | 'REBUILDING';

export type ProjectionStatus = {
  __typename?: 'ProjectionStatus';
  checkpoint: Scalars['String']['output'];
  error: Maybe<Scalars['String']['output']>;
  eventsPerSecond: Scalars['Float']['output'];
  generation: Scalars['Int']['output'];
  head: Maybe<Scalars['String']['output']>;
  lagEvents: Scalars['Int']['output'];
  lagSeconds: Scalars['Float']['output'];
  live: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  state: ProjectionState;
  version: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Both days inclusive (UTC). */
  dailyReport: Array<DailyReportLine>;
  /** A camera's days (UTC, both inclusive, at most 366) from its first day to the day of `at` (default: now). */
  deviceDays: Array<DeviceDay>;
  /** `at` closes each camera's still-open status interval for its uptime; default: the time of the query. */
  devices: Array<Device>;
  /** Fines issued in [from, to). */
  finesLedger: Array<FinesLedgerLine>;
  infraction: Maybe<Infraction>;
  /** What the system knew at `at`: the events recorded (recordedAt) up to that instant, folded. */
  infractionAsOf: InfractionSnapshot;
  /** Every event of the infraction's stream, oldest first. */
  infractionHistory: Array<HistoryEntry>;
  /** The review queue and the search: newest first; first is capped at 100. */
  infractions: InfractionConnection;
  /** Both days inclusive (UTC). */
  operatorWorkload: Array<OperatorWorkload>;
  projectionStatus: Array<ProjectionStatus>;
  /** Months as yyyy-mm, both inclusive; limit at most 100. */
  topViolators: Array<Violator>;
  vehicleRisk: VehicleRisk;
  /** Recomputes a stream's hash chain. */
  verifyStream: StreamVerification;
  zones: Array<Zone>;
};


export type QueryDailyReportArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
  zoneId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryDeviceDaysArgs = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  deviceId: Scalars['ID']['input'];
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


export type QueryDevicesArgs = {
  at?: InputMaybe<Scalars['DateTime']['input']>;
  zoneId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryFinesLedgerArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryInfractionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInfractionAsOfArgs = {
  at: Scalars['DateTime']['input'];
  id: Scalars['ID']['input'];
};


export type QueryInfractionHistoryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInfractionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InfractionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOperatorWorkloadArgs = {
  from: Scalars['Date']['input'];
  operator?: InputMaybe<Scalars['String']['input']>;
  to: Scalars['Date']['input'];
};


export type QueryTopViolatorsArgs = {
  fromMonth: Scalars['String']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  toMonth: Scalars['String']['input'];
};


export type QueryVehicleRiskArgs = {
  plate: Scalars['String']['input'];
};


export type QueryVerifyStreamArgs = {
  stream: Scalars['String']['input'];
};

export type RecordInfractionDetectedInput = {
  deviceId: Scalars['ID']['input'];
  evidence: Array<EvidenceInput>;
  infractionId: Scalars['ID']['input'];
  lane?: InputMaybe<Scalars['String']['input']>;
  observationId?: InputMaybe<Scalars['ID']['input']>;
  occurredAt: Scalars['DateTime']['input'];
  plate?: InputMaybe<PlateInput>;
  speed?: InputMaybe<SpeedInput>;
  trackId: Scalars['String']['input'];
  type: InfractionType;
  zoneId: Scalars['ID']['input'];
};

export type ReferencePointInput = {
  ground: PointInput;
  image: PointInput;
};

export type RegionInput = {
  height: Scalars['Float']['input'];
  width: Scalars['Float']['input'];
  x: Scalars['Float']['input'];
  y: Scalars['Float']['input'];
};

export type RejectionReason =
  | 'DUPLICATE'
  | 'EMERGENCY_VEHICLE'
  | 'EVIDENCE_INSUFFICIENT'
  | 'FALSE_POSITIVE'
  | 'OTHER'
  | 'PLATE_UNREADABLE';

/** One reason for a vehicle's risk score: the factor's value, its weight and the points it adds. */
export type RiskFactor = {
  __typename?: 'RiskFactor';
  name: Scalars['String']['output'];
  /** value x weight; null when a model scored. */
  points: Maybe<Scalars['Int']['output']>;
  value: Scalars['Int']['output'];
  /** The formula's weight; null when a model scored (the value was one of its inputs). */
  weight: Maybe<Scalars['Int']['output']>;
};

/** What produced a risk score: the formula, or the ONNX model of RISK_MODEL_PATH. */
export type RiskScorer = {
  __typename?: 'RiskScorer';
  /** Why the formula answered although a model is configured (the model failed). */
  fallbackReason: Maybe<Scalars['String']['output']>;
  kind: RiskScorerKind;
  /** The configured model's file name, also when the formula stood in for it. */
  modelFile: Maybe<Scalars['String']['output']>;
  /** The model's answer (0 to 1) when it scored; the score is it in percent, rounded. */
  modelOutput: Maybe<Scalars['Float']['output']>;
  /** Lower-case hex SHA-256 of the configured model file. */
  modelSha256: Maybe<Scalars['String']['output']>;
};

export type RiskScorerKind =
  | 'FORMULA'
  | 'MODEL';

export type Role =
  | 'ADMIN'
  | 'AUDITOR'
  | 'OPERATOR'
  | 'SUPERVISOR';

/** FRAME_REGION needs region; TIMETABLE needs anchor and the three durations. */
export type SignalSourceInput = {
  amberSeconds?: InputMaybe<Scalars['Float']['input']>;
  anchor?: InputMaybe<Scalars['DateTime']['input']>;
  greenSeconds?: InputMaybe<Scalars['Float']['input']>;
  kind: SignalSourceKind;
  redSeconds?: InputMaybe<Scalars['Float']['input']>;
  region?: InputMaybe<RegionInput>;
};

export type SignalSourceKind =
  | 'FRAME_REGION'
  | 'TIMETABLE';

export type SpeedBandInput = {
  amountMinor: Scalars['Int']['input'];
  minExcessKmh: Scalars['Float']['input'];
};

export type SpeedInput = {
  /** The jurisdiction whose tolerance applies (a configured one, e.g. PE, BR, DE). */
  jurisdiction: Scalars['String']['input'];
  limitKmh: Scalars['Float']['input'];
  measuredKmh: Scalars['Float']['input'];
};

export type SpeedMeasurement = {
  __typename?: 'SpeedMeasurement';
  /** Measured minus the tolerance of the zone's jurisdiction: what the fine is based on. */
  consideredKmh: Scalars['Float']['output'];
  limitKmh: Scalars['Float']['output'];
  measuredKmh: Scalars['Float']['output'];
  toleranceKmh: Scalars['Float']['output'];
};

export type StopLine = {
  __typename?: 'StopLine';
  from: ImagePoint;
  to: ImagePoint;
};

export type StreamVerification = {
  __typename?: 'StreamVerification';
  events: Scalars['Int']['output'];
  /** First revision whose content or chain does not match (when ok is false). */
  firstBadRevision: Maybe<Scalars['Int']['output']>;
  lastHash: Maybe<Scalars['String']['output']>;
  ok: Scalars['Boolean']['output'];
  /** HASH_MISMATCH, CHAIN_BROKEN or REVISION_GAP (when ok is false). */
  reason: Maybe<Scalars['String']['output']>;
  stream: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  infractionChanged: InfractionChange;
  infractionDetected: Infraction;
};


export type SubscriptionInfractionChangedArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionInfractionDetectedArgs = {
  filter?: InputMaybe<InfractionDetectedFilter>;
};

/** A vehicle's risk from its confirmed offences (0 to 100), with the factors that make it up. */
export type VehicleRisk = {
  __typename?: 'VehicleRisk';
  factors: Array<RiskFactor>;
  plate: Scalars['String']['output'];
  score: Scalars['Int']['output'];
  scorer: RiskScorer;
};

export type Violator = {
  __typename?: 'Violator';
  fined: Scalars['Int']['output'];
  finesMinor: Scalars['Float']['output'];
  infractions: Scalars['Int']['output'];
  plate: Scalars['String']['output'];
};

/** A road zone as the configuration screens list it (zones read model). */
export type Zone = {
  __typename?: 'Zone';
  id: Scalars['ID']['output'];
  /** Whose measurement tolerance applies to speeds measured here. */
  jurisdiction: Scalars['String']['output'];
  lanes: Array<ZoneLane>;
  name: Scalars['String']['output'];
  /** FRAME_REGION or TIMETABLE, with its parameters. */
  signalSource: Maybe<Scalars['JSON']['output']>;
  speedLimitKmh: Scalars['Float']['output'];
  stopLine: Maybe<StopLine>;
  updatedAt: Scalars['DateTime']['output'];
};

export type ZoneLane = {
  __typename?: 'ZoneLane';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  polygon: Array<ImagePoint>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Actor: ResolverTypeWrapper<Actor>;
  ActorKind: ActorKind;
  AmountsByTypeInput: AmountsByTypeInput;
  Appeal: ResolverTypeWrapper<Appeal>;
  AppealOutcome: AppealOutcome;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CommandResult: ResolverTypeWrapper<CommandResultView>;
  DailyReportLine: ResolverTypeWrapper<DailyReportLine>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Device: ResolverTypeWrapper<Device>;
  DeviceDay: ResolverTypeWrapper<DeviceDay>;
  DeviceStatus: DeviceStatus;
  DeviceUptime: ResolverTypeWrapper<DeviceUptime>;
  Evidence: ResolverTypeWrapper<EvidenceRef>;
  EvidenceInput: EvidenceInput;
  EvidenceKind: EvidenceKind;
  FineScheduleInput: FineScheduleInput;
  FinesLedgerLine: ResolverTypeWrapper<FinesLedgerLine>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  HeartbeatInput: HeartbeatInput;
  HistoryEntry: ResolverTypeWrapper<HistoryEntry>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ImagePoint: ResolverTypeWrapper<ImagePoint>;
  Infraction: ResolverTypeWrapper<InfractionView>;
  InfractionChange: ResolverTypeWrapper<InfractionChangeView>;
  InfractionConnection: ResolverTypeWrapper<InfractionConnectionView>;
  InfractionDetectedFilter: InfractionDetectedFilter;
  InfractionEdge: ResolverTypeWrapper<Omit<InfractionEdge, 'node'> & { node: ResolversTypes['Infraction'] }>;
  InfractionFilter: InfractionFilter;
  InfractionSnapshot: ResolverTypeWrapper<Omit<InfractionSnapshot, 'infraction'> & { infraction?: Maybe<ResolversTypes['Infraction']> }>;
  InfractionStatus: InfractionStatus;
  InfractionType: InfractionType;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LaneInput: LaneInput;
  Money: ResolverTypeWrapper<Money>;
  MoneyInput: MoneyInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ObservationInput: ObservationInput;
  OperatorWorkload: ResolverTypeWrapper<OperatorWorkload>;
  Owner: ResolverTypeWrapper<Owner>;
  OwnerInput: OwnerInput;
  OwnerVisibility: OwnerVisibility;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Plate: ResolverTypeWrapper<Plate>;
  PlateInput: PlateInput;
  PointInput: PointInput;
  ProjectionState: ProjectionState;
  ProjectionStatus: ResolverTypeWrapper<ProjectionStatus>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordInfractionDetectedInput: RecordInfractionDetectedInput;
  ReferencePointInput: ReferencePointInput;
  RegionInput: RegionInput;
  RejectionReason: RejectionReason;
  RiskFactor: ResolverTypeWrapper<RiskFactor>;
  RiskScorer: ResolverTypeWrapper<RiskScorer>;
  RiskScorerKind: RiskScorerKind;
  Role: Role;
  SignalSourceInput: SignalSourceInput;
  SignalSourceKind: SignalSourceKind;
  SpeedBandInput: SpeedBandInput;
  SpeedInput: SpeedInput;
  SpeedMeasurement: ResolverTypeWrapper<SpeedMeasurement>;
  StopLine: ResolverTypeWrapper<StopLine>;
  StreamVerification: ResolverTypeWrapper<StreamVerification>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  VehicleRisk: ResolverTypeWrapper<VehicleRisk>;
  Violator: ResolverTypeWrapper<Violator>;
  Zone: ResolverTypeWrapper<Zone>;
  ZoneLane: ResolverTypeWrapper<ZoneLane>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Actor: Actor;
  AmountsByTypeInput: AmountsByTypeInput;
  Appeal: Appeal;
  Boolean: Scalars['Boolean']['output'];
  CommandResult: CommandResultView;
  DailyReportLine: DailyReportLine;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Device: Device;
  DeviceDay: DeviceDay;
  DeviceUptime: DeviceUptime;
  Evidence: EvidenceRef;
  EvidenceInput: EvidenceInput;
  FineScheduleInput: FineScheduleInput;
  FinesLedgerLine: FinesLedgerLine;
  Float: Scalars['Float']['output'];
  HeartbeatInput: HeartbeatInput;
  HistoryEntry: HistoryEntry;
  ID: Scalars['ID']['output'];
  ImagePoint: ImagePoint;
  Infraction: InfractionView;
  InfractionChange: InfractionChangeView;
  InfractionConnection: InfractionConnectionView;
  InfractionDetectedFilter: InfractionDetectedFilter;
  InfractionEdge: Omit<InfractionEdge, 'node'> & { node: ResolversParentTypes['Infraction'] };
  InfractionFilter: InfractionFilter;
  InfractionSnapshot: Omit<InfractionSnapshot, 'infraction'> & { infraction?: Maybe<ResolversParentTypes['Infraction']> };
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  LaneInput: LaneInput;
  Money: Money;
  MoneyInput: MoneyInput;
  Mutation: Record<PropertyKey, never>;
  ObservationInput: ObservationInput;
  OperatorWorkload: OperatorWorkload;
  Owner: Owner;
  OwnerInput: OwnerInput;
  PageInfo: PageInfo;
  Plate: Plate;
  PlateInput: PlateInput;
  PointInput: PointInput;
  ProjectionStatus: ProjectionStatus;
  Query: Record<PropertyKey, never>;
  RecordInfractionDetectedInput: RecordInfractionDetectedInput;
  ReferencePointInput: ReferencePointInput;
  RegionInput: RegionInput;
  RiskFactor: RiskFactor;
  RiskScorer: RiskScorer;
  SignalSourceInput: SignalSourceInput;
  SpeedBandInput: SpeedBandInput;
  SpeedInput: SpeedInput;
  SpeedMeasurement: SpeedMeasurement;
  StopLine: StopLine;
  StreamVerification: StreamVerification;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  VehicleRisk: VehicleRisk;
  Violator: Violator;
  Zone: Zone;
  ZoneLane: ZoneLane;
};

export type ActorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Actor'] = ResolversParentTypes['Actor']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ActorKind'], ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
};

export type AppealResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Appeal'] = ResolversParentTypes['Appeal']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['AppealOutcome']>, ParentType, ContextType>;
};

export type CommandResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CommandResult'] = ResolversParentTypes['CommandResult']> = {
  commandId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  duplicate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  infraction?: Resolver<Maybe<ResolversTypes['Infraction']>, ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DailyReportLineResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DailyReportLine'] = ResolversParentTypes['DailyReportLine']> = {
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  detected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  fined?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  finesMinor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['InfractionType'], ParentType, ContextType>;
  validated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  zoneId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeviceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Device'] = ResolversParentTypes['Device']> = {
  firstSeenAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  heartbeats?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  infractions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastFps?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lastHeartbeatAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastInfractionAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastLatencyMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lastObservationAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  observations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reprojectionErrorMetres?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['DeviceStatus']>, ParentType, ContextType>;
  statusSince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  uptime?: Resolver<ResolversTypes['DeviceUptime'], ParentType, ContextType>;
  zoneId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type DeviceDayResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeviceDay'] = ResolversParentTypes['DeviceDay']> = {
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  heartbeats?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meanFps?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  meanLatencyMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  uptime?: Resolver<ResolversTypes['DeviceUptime'], ParentType, ContextType>;
};

export type DeviceUptimeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeviceUptime'] = ResolversParentTypes['DeviceUptime']> = {
  activeSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  otherSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  ratio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  staleSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type EvidenceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Evidence'] = ResolversParentTypes['Evidence']> = {
  contentType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EvidenceKind'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FinesLedgerLineResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FinesLedgerLine'] = ResolversParentTypes['FinesLedgerLine']> = {
  cancelledCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cancelledMinor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  issuedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  issuedMinor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  outstandingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outstandingMinor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  paidCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidMinor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  scheduleVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type HistoryEntryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['HistoryEntry'] = ResolversParentTypes['HistoryEntry']> = {
  actor?: Resolver<ResolversTypes['Actor'], ParentType, ContextType>;
  commandId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  data?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  previousHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImagePointResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImagePoint'] = ResolversParentTypes['ImagePoint']> = {
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type InfractionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Infraction'] = ResolversParentTypes['Infraction']> = {
  appeal?: Resolver<Maybe<ResolversTypes['Appeal']>, ParentType, ContextType>;
  deviceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['Evidence']>, ParentType, ContextType>;
  fine?: Resolver<Maybe<ResolversTypes['Money']>, ParentType, ContextType>;
  fineScheduleVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['Owner']>, ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  plate?: Resolver<Maybe<ResolversTypes['Plate']>, ParentType, ContextType>;
  rejectionReason?: Resolver<Maybe<ResolversTypes['RejectionReason']>, ParentType, ContextType>;
  reviewDeadline?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  speed?: Resolver<Maybe<ResolversTypes['SpeedMeasurement']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InfractionStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['InfractionType'], ParentType, ContextType>;
  validatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  zoneId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type InfractionChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['InfractionChange'] = ResolversParentTypes['InfractionChange']> = {
  event?: Resolver<ResolversTypes['HistoryEntry'], ParentType, ContextType>;
  infraction?: Resolver<Maybe<ResolversTypes['Infraction']>, ParentType, ContextType>;
};

export type InfractionConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['InfractionConnection'] = ResolversParentTypes['InfractionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['InfractionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InfractionEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['InfractionEdge'] = ResolversParentTypes['InfractionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Infraction'], ParentType, ContextType>;
};

export type InfractionSnapshotResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['InfractionSnapshot'] = ResolversParentTypes['InfractionSnapshot']> = {
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  infraction?: Resolver<Maybe<ResolversTypes['Infraction']>, ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MoneyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amountMinor?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  calibrateDevice?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationCalibrateDeviceArgs, 'commandId' | 'deviceId' | 'referencePoints'>>;
  cancelInfraction?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationCancelInfractionArgs, 'commandId' | 'infractionId' | 'reason'>>;
  changeDeviceStatus?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationChangeDeviceStatusArgs, 'commandId' | 'deviceId' | 'status'>>;
  confirmPlate?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationConfirmPlateArgs, 'commandId' | 'infractionId'>>;
  correctPlate?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationCorrectPlateArgs, 'commandId' | 'infractionId' | 'plate' | 'reason'>>;
  erasePersonalData?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationErasePersonalDataArgs, 'commandId' | 'reason' | 'subjectId'>>;
  expireInfraction?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationExpireInfractionArgs, 'commandId' | 'infractionId'>>;
  fileAppeal?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationFileAppealArgs, 'appealId' | 'commandId' | 'grounds' | 'infractionId'>>;
  identifyOwner?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationIdentifyOwnerArgs, 'commandId' | 'infractionId' | 'owner' | 'plate' | 'registry'>>;
  issueFine?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationIssueFineArgs, 'commandId' | 'infractionId'>>;
  publishFineSchedule?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationPublishFineScheduleArgs, 'commandId' | 'schedule'>>;
  recordHeartbeat?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordHeartbeatArgs, 'commandId' | 'input'>>;
  recordInfractionDetected?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordInfractionDetectedArgs, 'commandId' | 'input'>>;
  recordObservation?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordObservationArgs, 'commandId' | 'input'>>;
  recordPayment?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRecordPaymentArgs, 'amount' | 'commandId' | 'infractionId' | 'paidAt' | 'paymentId'>>;
  registerDevice?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRegisterDeviceArgs, 'commandId' | 'deviceId' | 'name' | 'streamUrl' | 'zoneId'>>;
  registerZone?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRegisterZoneArgs, 'commandId' | 'jurisdiction' | 'name' | 'speedLimitKmh' | 'zoneId'>>;
  rejectInfraction?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationRejectInfractionArgs, 'commandId' | 'infractionId' | 'reason'>>;
  resolveAppeal?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationResolveAppealArgs, 'appealId' | 'commandId' | 'infractionId' | 'outcome' | 'reason'>>;
  setLanes?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationSetLanesArgs, 'commandId' | 'lanes' | 'zoneId'>>;
  setSignalSource?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationSetSignalSourceArgs, 'commandId' | 'signalSource' | 'zoneId'>>;
  setSpeedLimit?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationSetSpeedLimitArgs, 'commandId' | 'speedLimitKmh' | 'zoneId'>>;
  setStopLine?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationSetStopLineArgs, 'commandId' | 'from' | 'to' | 'zoneId'>>;
  validateInfraction?: Resolver<ResolversTypes['CommandResult'], ParentType, ContextType, RequireFields<MutationValidateInfractionArgs, 'commandId' | 'infractionId'>>;
};

export type OperatorWorkloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['OperatorWorkload'] = ResolversParentTypes['OperatorWorkload']> = {
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  medianSecondsToDecision?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  operator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  validated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OwnerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Owner'] = ResolversParentTypes['Owner']> = {
  documentNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  visibility?: Resolver<ResolversTypes['OwnerVisibility'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PlateResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Plate'] = ResolversParentTypes['Plate']> = {
  confidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProjectionStatusResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ProjectionStatus'] = ResolversParentTypes['ProjectionStatus']> = {
  checkpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventsPerSecond?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  generation?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  head?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lagEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lagSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  live?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ProjectionState'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  dailyReport?: Resolver<Array<ResolversTypes['DailyReportLine']>, ParentType, ContextType, RequireFields<QueryDailyReportArgs, 'from' | 'to'>>;
  deviceDays?: Resolver<Array<ResolversTypes['DeviceDay']>, ParentType, ContextType, RequireFields<QueryDeviceDaysArgs, 'deviceId' | 'from' | 'to'>>;
  devices?: Resolver<Array<ResolversTypes['Device']>, ParentType, ContextType, Partial<QueryDevicesArgs>>;
  finesLedger?: Resolver<Array<ResolversTypes['FinesLedgerLine']>, ParentType, ContextType, Partial<QueryFinesLedgerArgs>>;
  infraction?: Resolver<Maybe<ResolversTypes['Infraction']>, ParentType, ContextType, RequireFields<QueryInfractionArgs, 'id'>>;
  infractionAsOf?: Resolver<ResolversTypes['InfractionSnapshot'], ParentType, ContextType, RequireFields<QueryInfractionAsOfArgs, 'at' | 'id'>>;
  infractionHistory?: Resolver<Array<ResolversTypes['HistoryEntry']>, ParentType, ContextType, RequireFields<QueryInfractionHistoryArgs, 'id'>>;
  infractions?: Resolver<ResolversTypes['InfractionConnection'], ParentType, ContextType, RequireFields<QueryInfractionsArgs, 'first'>>;
  operatorWorkload?: Resolver<Array<ResolversTypes['OperatorWorkload']>, ParentType, ContextType, RequireFields<QueryOperatorWorkloadArgs, 'from' | 'to'>>;
  projectionStatus?: Resolver<Array<ResolversTypes['ProjectionStatus']>, ParentType, ContextType>;
  topViolators?: Resolver<Array<ResolversTypes['Violator']>, ParentType, ContextType, RequireFields<QueryTopViolatorsArgs, 'fromMonth' | 'limit' | 'toMonth'>>;
  vehicleRisk?: Resolver<ResolversTypes['VehicleRisk'], ParentType, ContextType, RequireFields<QueryVehicleRiskArgs, 'plate'>>;
  verifyStream?: Resolver<ResolversTypes['StreamVerification'], ParentType, ContextType, RequireFields<QueryVerifyStreamArgs, 'stream'>>;
  zones?: Resolver<Array<ResolversTypes['Zone']>, ParentType, ContextType>;
};

export type RiskFactorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RiskFactor'] = ResolversParentTypes['RiskFactor']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weight?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type RiskScorerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RiskScorer'] = ResolversParentTypes['RiskScorer']> = {
  fallbackReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['RiskScorerKind'], ParentType, ContextType>;
  modelFile?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  modelOutput?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  modelSha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SpeedMeasurementResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SpeedMeasurement'] = ResolversParentTypes['SpeedMeasurement']> = {
  consideredKmh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  limitKmh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  measuredKmh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  toleranceKmh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type StopLineResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StopLine'] = ResolversParentTypes['StopLine']> = {
  from?: Resolver<ResolversTypes['ImagePoint'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['ImagePoint'], ParentType, ContextType>;
};

export type StreamVerificationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StreamVerification'] = ResolversParentTypes['StreamVerification']> = {
  events?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBadRevision?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  infractionChanged?: SubscriptionResolver<ResolversTypes['InfractionChange'], "infractionChanged", ParentType, ContextType, RequireFields<SubscriptionInfractionChangedArgs, 'id'>>;
  infractionDetected?: SubscriptionResolver<ResolversTypes['Infraction'], "infractionDetected", ParentType, ContextType, Partial<SubscriptionInfractionDetectedArgs>>;
};

export type VehicleRiskResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['VehicleRisk'] = ResolversParentTypes['VehicleRisk']> = {
  factors?: Resolver<Array<ResolversTypes['RiskFactor']>, ParentType, ContextType>;
  plate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scorer?: Resolver<ResolversTypes['RiskScorer'], ParentType, ContextType>;
};

export type ViolatorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Violator'] = ResolversParentTypes['Violator']> = {
  fined?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  finesMinor?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  infractions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  plate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ZoneResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Zone'] = ResolversParentTypes['Zone']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jurisdiction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lanes?: Resolver<Array<ResolversTypes['ZoneLane']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signalSource?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  speedLimitKmh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stopLine?: Resolver<Maybe<ResolversTypes['StopLine']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ZoneLaneResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ZoneLane'] = ResolversParentTypes['ZoneLane']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  polygon?: Resolver<Array<ResolversTypes['ImagePoint']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  Actor?: ActorResolvers<ContextType>;
  Appeal?: AppealResolvers<ContextType>;
  CommandResult?: CommandResultResolvers<ContextType>;
  DailyReportLine?: DailyReportLineResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Device?: DeviceResolvers<ContextType>;
  DeviceDay?: DeviceDayResolvers<ContextType>;
  DeviceUptime?: DeviceUptimeResolvers<ContextType>;
  Evidence?: EvidenceResolvers<ContextType>;
  FinesLedgerLine?: FinesLedgerLineResolvers<ContextType>;
  HistoryEntry?: HistoryEntryResolvers<ContextType>;
  ImagePoint?: ImagePointResolvers<ContextType>;
  Infraction?: InfractionResolvers<ContextType>;
  InfractionChange?: InfractionChangeResolvers<ContextType>;
  InfractionConnection?: InfractionConnectionResolvers<ContextType>;
  InfractionEdge?: InfractionEdgeResolvers<ContextType>;
  InfractionSnapshot?: InfractionSnapshotResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OperatorWorkload?: OperatorWorkloadResolvers<ContextType>;
  Owner?: OwnerResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Plate?: PlateResolvers<ContextType>;
  ProjectionStatus?: ProjectionStatusResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RiskFactor?: RiskFactorResolvers<ContextType>;
  RiskScorer?: RiskScorerResolvers<ContextType>;
  SpeedMeasurement?: SpeedMeasurementResolvers<ContextType>;
  StopLine?: StopLineResolvers<ContextType>;
  StreamVerification?: StreamVerificationResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  VehicleRisk?: VehicleRiskResolvers<ContextType>;
  Violator?: ViolatorResolvers<ContextType>;
  Zone?: ZoneResolvers<ContextType>;
  ZoneLane?: ZoneLaneResolvers<ContextType>;
};

