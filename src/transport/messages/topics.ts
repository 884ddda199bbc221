// Topic names are part of the wire contract: a new schema version gets a new topic.
export const TOPICS = {
  observations: 'traffic.observations.v1',
  infractions: 'traffic.infractions.v1',
  deviceStatus: 'traffic.device-status.v1',
  deadLetter: 'traffic.dead-letter.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** The topics the event writer consumes (every one but the dead-letter topic). */
export const WRITER_TOPICS = [TOPICS.observations, TOPICS.infractions, TOPICS.deviceStatus] as const;

export const ALL_TOPICS: readonly string[] = Object.values(TOPICS);
