// What a mutation answers: the command's outcome; the infraction after it is folded from
// the stream only when the query asks for it.
export interface CommandResultView {
  commandId: string;
  duplicate: boolean;
  stream: string;
  revision: number;
  events: string[];
  /** Set for infraction commands: CommandResult.infraction folds this stream up to `revision`. */
  infractionId: string | null;
}
