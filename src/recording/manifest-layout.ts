import { access, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Participant } from '../domain/participant.js';
import { terminalFailure } from '../runtime/task-failure.js';
import type { Recording, SourceTrack } from './recording.js';
import { RecordingManifestSchema } from './recording-manifest.js';
import { formatIssues } from '../domain/zod-issues.js';

export const manifestFileName = 'recording.json';

/** Reads a directory laid out with a `recording.json` manifest. */
export async function loadManifestLayout(directory: string): Promise<Recording> {
  const manifestPath = resolve(directory, manifestFileName);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw terminalFailure(`${manifestFileName}: does not parse as JSON: ${(error as Error).message}`);
  }
  const parsed = RecordingManifestSchema.safeParse(json);
  if (!parsed.success) throw terminalFailure(`${manifestFileName}: ${formatIssues(parsed.error)}`);

  const participants: Participant[] = [];
  const tracks: SourceTrack[] = [];
  for (const [index, entry] of parsed.data.tracks.entries()) {
    const path = resolve(directory, entry.path);
    const inside = relative(directory, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw terminalFailure(`${manifestFileName}: tracks[${index}].path: ${entry.path} is outside the recording directory`);
    }
    try {
      await access(path);
    } catch {
      throw terminalFailure(`${manifestFileName}: tracks[${index}].path: file not found: ${entry.path}`);
    }
    let participant = participants.find((p) => p.id === entry.participant.id);
    if (!participant) {
      participant = { ...entry.participant, consent: true, speaker: participants.length };
      participants.push(participant);
    }
    // One participant with several tracks: any track saying "no consent" wins.
    if (entry.participant.consent === false) participant.consent = false;
    tracks.push({
      index,
      path,
      file: inside,
      participantId: entry.participant.id,
      ...(entry.offsetMs === undefined ? {} : { offsetMs: entry.offsetMs }),
    });
  }
  return { layout: 'manifest', directory, tracks, participants };
}
