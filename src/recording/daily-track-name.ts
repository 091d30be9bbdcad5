/** The parts of a Daily.co raw-tracks file name. */
export interface DailyTrackName {
  recordingStartMs: number;
  participantId: string;
  /** `cam-audio`, `screen-audio`, `cam-video`, … */
  kind: string;
  trackStartMs: number;
}

// Participant ids are UUIDs and contain dashes, so the id is whatever sits
// between the leading timestamp and the `<source>-<media>-<timestamp>` tail.
const pattern = /^(\d+)-(.+)-([a-z]+-(?:audio|video))-(\d+)$/;

/** Parses `{recordingStartMs}-{participantId}-{kind}-{trackStartMs}`, or undefined for other names. */
export function parseDailyTrackName(fileName: string): DailyTrackName | undefined {
  const match = pattern.exec(fileName);
  if (!match) return undefined;
  return {
    recordingStartMs: Number(match[1]),
    participantId: match[2]!,
    kind: match[3]!,
    trackStartMs: Number(match[4]),
  };
}
