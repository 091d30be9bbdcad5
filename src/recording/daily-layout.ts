import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Participant } from '../domain/participant.js';
import { terminalFailure } from '../runtime/task-failure.js';
import { DailyParticipantsSchema, type DailyParticipants } from './daily-participants.js';
import { parseDailyTrackName, type DailyTrackName } from './daily-track-name.js';
import type { Recording, SourceTrack } from './recording.js';
import { formatIssues } from '../domain/zod-issues.js';

export const dailyParticipantsFileName = 'participants.json';

/** The Daily raw-tracks files of a directory: `cam-audio` only, in meeting order. */
export async function findDailyTracks(directory: string): Promise<{ file: string; name: DailyTrackName }[]> {
  const found: { file: string; name: DailyTrackName }[] = [];
  for (const file of await readdir(directory)) {
    const name = parseDailyTrackName(file);
    if (name?.kind === 'cam-audio') found.push({ file, name });
  }
  return found.sort((a, b) => a.name.trackStartMs - b.name.trackStartMs || a.file.localeCompare(b.file));
}

async function readParticipantNames(directory: string): Promise<DailyParticipants> {
  let text: string;
  try {
    text = await readFile(join(directory, dailyParticipantsFileName), 'utf8');
  } catch {
    return []; // optional: names fall back to "Speaker N"
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw terminalFailure(`${dailyParticipantsFileName}: does not parse as JSON: ${(error as Error).message}`);
  }
  const parsed = DailyParticipantsSchema.safeParse(json);
  if (!parsed.success) throw terminalFailure(`${dailyParticipantsFileName}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

/** Reads a directory of Daily.co raw-tracks files (`{start}-{participant}-cam-audio-{trackStart}`). */
export async function loadDailyLayout(directory: string): Promise<Recording> {
  const files = await findDailyTracks(directory);
  if (files.length === 0) throw terminalFailure(`${directory}: no Daily cam-audio tracks found`);
  const names = await readParticipantNames(directory);
  // All tracks of one recording share its start; the earliest one is the meeting's zero.
  const recordingStartMs = Math.min(...files.map((f) => f.name.recordingStartMs));
  const participants: Participant[] = [];
  const tracks: SourceTrack[] = files.map(({ file, name }, index) => {
    if (!participants.some((p) => p.id === name.participantId)) {
      const userName = names.find((n) => n.participant_id === name.participantId)?.user_name;
      participants.push({
        id: name.participantId,
        name: userName || `Speaker ${participants.length + 1}`,
        speaker: participants.length,
        consent: true,
      });
    }
    return {
      index,
      path: join(directory, file),
      file,
      participantId: name.participantId,
      offsetMs: Math.max(0, name.trackStartMs - recordingStartMs),
    };
  });
  return { layout: 'daily', directory, tracks, participants };
}
