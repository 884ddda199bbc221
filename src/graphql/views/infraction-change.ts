// What infractionChanged delivers: the event, and (resolved only when asked) the
// infraction as that event left it, folded from the stream up to the event's revision.
import type { RecordedEvent } from '../../event-store/port.js';

export interface InfractionChangeView {
  event: RecordedEvent;
}
