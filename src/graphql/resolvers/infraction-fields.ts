// Fields of an infraction that cost more than a column: signed evidence URLs and the
// owner's personal data, computed only when a query asks for them.
import type { EvidenceResolvers, InfractionResolvers } from '../generated/resolvers-types.js';
import type { OwnerRecord } from '../../personal-data/owner.js';
import { requireReader } from './access.js';
import { ownerFor } from './owner-masking.js';

export const infractionFieldResolvers: InfractionResolvers = {
  async owner(parent, _args, context) {
    if (parent.ownerEncrypted === null) return null;
    const role = requireReader(context);
    const decrypted = await context.services.personalData.decrypt<OwnerRecord>(parent.ownerEncrypted);
    return ownerFor(role, parent.ownerEncrypted.keyId, decrypted);
  },
};

export const evidenceResolvers: EvidenceResolvers = {
  url(parent, _args, context) {
    return context.services.evidence.signedUrl(parent.uri, context.services.settings.EVIDENCE_URL_TTL_SECONDS);
  },
  contentType: (parent) => parent.contentType ?? null,
};
