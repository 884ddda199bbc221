// One mutation per infraction command. Arguments are checked here only for shape (zod,
// naming the field); every rule of the workflow is the decider's.
import { z } from 'zod';
import { CancelInfractionCommand } from '../../commands/cancel-infraction/command.js';
import { ConfirmPlateCommand } from '../../commands/confirm-plate/command.js';
import { CorrectPlateCommand } from '../../commands/correct-plate/command.js';
import { ExpireInfractionCommand } from '../../commands/expire-infraction/command.js';
import { FileAppealCommand } from '../../commands/file-appeal/command.js';
import { IdentifyOwnerCommand } from '../../commands/identify-owner/command.js';
import { IssueFineCommand } from '../../commands/issue-fine/command.js';
import { RecordInfractionDetectedCommand } from '../../commands/record-infraction-detected/command.js';
import { RecordPaymentCommand } from '../../commands/record-payment/command.js';
import { RejectInfractionCommand } from '../../commands/reject-infraction/command.js';
import { ResolveAppealCommand } from '../../commands/resolve-appeal/command.js';
import { ValidateInfractionCommand } from '../../commands/validate-infraction/command.js';
import { DEFAULT_TOLERANCES, toleranceFor } from '../../domain/shared/tolerance.js';
import { OwnerRecordSchema } from '../../personal-data/owner.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { badInput } from '../errors.js';
import { arg, DateTimeSchema, IdSchema } from './arguments.js';
import { metadataFor, sendCommand } from './send-command.js';

const Text = (max: number) => z.string().max(max, `at most ${max} characters`);
const MoneySchema = z.object({
  amountMinor: z.number().int().positive('must be a positive whole number of minor units'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as PEN'),
});
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters');
const PlateReadSchema = z.object({ text: Text(20).min(1), confidence: z.number().min(0).max(1), reader: Text(100).min(1) });

const DetectionSchema = z.object({
  infractionId: IdSchema,
  deviceId: IdSchema,
  zoneId: IdSchema,
  occurredAt: DateTimeSchema,
  plate: PlateReadSchema.nullish(),
  speed: z.object({ measuredKmh: z.number().min(0).max(500), limitKmh: z.number().positive().max(300), jurisdiction: Text(10).min(1) }).nullish(),
  evidence: z.array(z.object({ uri: Text(1000).min(1), sha256: Sha256Schema, contentType: Text(100).nullish() })).max(20),
  trackId: Text(200).min(1),
  lane: Text(100).nullish(),
  observationId: IdSchema.nullish(),
});

export const infractionMutations: MutationResolvers = {
  recordInfractionDetected(_parent, { commandId, input }, context) {
    const metadata = metadataFor(context, commandId);
    const d = arg(DetectionSchema, input, 'input');
    const tolerances = context.services.settings.SPEED_TOLERANCES ?? DEFAULT_TOLERANCES;
    const tolerance = d.speed ? toleranceFor(tolerances, d.speed.jurisdiction) : undefined;
    if (d.speed && !tolerance) throw badInput('input.speed.jurisdiction', `no tolerance is configured for ${d.speed.jurisdiction}`);
    const data = {
      infractionId: d.infractionId,
      infractionType: input.type,
      deviceId: d.deviceId,
      zoneId: d.zoneId,
      occurredAt: d.occurredAt,
      plate: d.plate ? { ...d.plate, format: null } : null,
      speed: d.speed && tolerance ? { measuredKmh: d.speed.measuredKmh, limitKmh: d.speed.limitKmh, tolerance } : null,
      evidence: input.evidence.map((e, index) => ({
        kind: e.kind,
        uri: d.evidence[index]!.uri,
        sha256: d.evidence[index]!.sha256,
        ...(e.contentType ? { contentType: e.contentType } : {}),
      })),
      trackId: d.trackId,
      lane: d.lane ?? null,
      observationId: d.observationId ?? null,
    };
    return sendCommand(context, new RecordInfractionDetectedCommand({ type: 'RecordInfractionDetected', data, metadata }));
  },

  confirmPlate(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const infractionId = arg(IdSchema, args.infractionId, 'infractionId');
    return sendCommand(context, new ConfirmPlateCommand({ type: 'ConfirmPlate', data: { infractionId }, metadata }));
  },

  correctPlate(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { infractionId: arg(IdSchema, args.infractionId, 'infractionId'), plate: arg(Text(20), args.plate, 'plate'), reason: arg(Text(2000), args.reason, 'reason') };
    return sendCommand(context, new CorrectPlateCommand({ type: 'CorrectPlate', data, metadata }));
  },

  validateInfraction(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { infractionId: arg(IdSchema, args.infractionId, 'infractionId'), note: arg(Text(2000).nullish(), args.note, 'note') ?? null };
    return sendCommand(context, new ValidateInfractionCommand({ type: 'ValidateInfraction', data, metadata }));
  },

  rejectInfraction(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { infractionId: arg(IdSchema, args.infractionId, 'infractionId'), reason: args.reason, note: arg(Text(2000).nullish(), args.note, 'note') ?? null };
    return sendCommand(context, new RejectInfractionCommand({ type: 'RejectInfraction', data, metadata }));
  },

  issueFine(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const infractionId = arg(IdSchema, args.infractionId, 'infractionId');
    return sendCommand(context, new IssueFineCommand({ type: 'IssueFine', data: { infractionId }, metadata }));
  },

  fileAppeal(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { infractionId: arg(IdSchema, args.infractionId, 'infractionId'), appealId: arg(IdSchema, args.appealId, 'appealId'), grounds: arg(Text(5000), args.grounds, 'grounds') };
    return sendCommand(context, new FileAppealCommand({ type: 'FileAppeal', data, metadata }));
  },

  resolveAppeal(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = {
      infractionId: arg(IdSchema, args.infractionId, 'infractionId'),
      appealId: arg(IdSchema, args.appealId, 'appealId'),
      outcome: args.outcome,
      reason: arg(Text(5000), args.reason, 'reason'),
    };
    return sendCommand(context, new ResolveAppealCommand({ type: 'ResolveAppeal', data, metadata }));
  },

  recordPayment(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = {
      infractionId: arg(IdSchema, args.infractionId, 'infractionId'),
      paymentId: arg(IdSchema, args.paymentId, 'paymentId'),
      amount: arg(MoneySchema, args.amount, 'amount'),
      paidAt: arg(DateTimeSchema, args.paidAt, 'paidAt'),
      receipt: arg(Text(500).nullish(), args.receipt, 'receipt') ?? null,
    };
    return sendCommand(context, new RecordPaymentCommand({ type: 'RecordPayment', data, metadata }));
  },

  cancelInfraction(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = { infractionId: arg(IdSchema, args.infractionId, 'infractionId'), reason: arg(Text(2000), args.reason, 'reason') };
    return sendCommand(context, new CancelInfractionCommand({ type: 'CancelInfraction', data, metadata }));
  },

  expireInfraction(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const infractionId = arg(IdSchema, args.infractionId, 'infractionId');
    return sendCommand(context, new ExpireInfractionCommand({ type: 'ExpireInfraction', data: { infractionId }, metadata }));
  },

  identifyOwner(_parent, args, context) {
    const metadata = metadataFor(context, args.commandId);
    const data = {
      infractionId: arg(IdSchema, args.infractionId, 'infractionId'),
      plate: arg(Text(20).min(1), args.plate, 'plate'),
      registry: arg(Text(100).min(1), args.registry, 'registry'),
      owner: arg(OwnerRecordSchema, args.owner, 'owner'),
    };
    return sendCommand(context, new IdentifyOwnerCommand({ type: 'IdentifyOwner', data, metadata }));
  },
};
