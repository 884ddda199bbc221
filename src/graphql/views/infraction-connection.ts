// A page of infractions; the total is counted only when the query asks for totalCount,
// so the review queue without a count is one SQL statement.
import type { InfractionFilter } from '../../projections/infractions/queries.js';
import type { InfractionView } from './infraction-view.js';

export interface InfractionConnectionView {
  edges: Array<{ cursor: string; node: InfractionView }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  filter: InfractionFilter;
}
