import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TaskFailure, terminalFailure } from '../runtime/task-failure.js';
import { findDailyTracks, loadDailyLayout } from './daily-layout.js';
import { loadManifestLayout, manifestFileName } from './manifest-layout.js';
import type { Recording } from './recording.js';

/**
 * Reads a recording directory in either layout: a `recording.json` manifest,
 * or Daily.co raw-tracks files. Fails with a message naming the file and the
 * problem; nothing is probed or decoded here.
 */
export async function loadRecording(directory: string): Promise<Recording> {
  const dir = resolve(directory);
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw terminalFailure(`${directory}: not a directory`);
    entries = await readdir(dir);
  } catch (error) {
    if (error instanceof TaskFailure) throw error;
    throw terminalFailure(`${directory}: recording directory not found`);
  }
  if (entries.length === 0) throw terminalFailure(`${directory}: the recording directory is empty`);
  if (entries.includes(manifestFileName)) return loadManifestLayout(dir);
  if ((await findDailyTracks(dir)).length === 0) {
    throw terminalFailure(
      `${directory}: no ${manifestFileName} and no Daily raw-tracks files ({recordingStartMs}-{participantId}-cam-audio-{trackStartMs})`,
    );
  }
  return loadDailyLayout(dir);
}
