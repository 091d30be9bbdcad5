import { alignTrack } from './align-track.js';
import { cleanupConsent } from './cleanup-consent.js';
import { detectTopic } from './detect-topic.js';
import { finalize } from './finalize.js';
import { generateSummary } from './generate-summary.js';
import { generateTitle } from './generate-title.js';
import { generateWaveform } from './generate-waveform.js';
import { getParticipants } from './get-participants.js';
import { getRecording } from './get-recording.js';
import { identifyActionItems } from './identify-action-items.js';
import { markFailed } from './mark-failed.js';
import { mergeTopics } from './merge-topics.js';
import { mergeTranscripts } from './merge-transcripts.js';
import { mixdownTracks } from './mixdown-tracks.js';
import { postZulip } from './post-zulip.js';
import { sendWebhook } from './send-webhook.js';
import type { TaskDefinition } from './task-definition.js';
import { transcribeTrack } from './transcribe-track.js';

/** Every task of the pipeline, by Conductor task type. */
export const taskCatalog: readonly TaskDefinition[] = [
  getRecording,
  getParticipants,
  alignTrack,
  transcribeTrack,
  mergeTranscripts,
  detectTopic,
  mergeTopics,
  generateTitle,
  generateSummary,
  identifyActionItems,
  mixdownTracks,
  generateWaveform,
  finalize,
  cleanupConsent,
  postZulip,
  sendWebhook,
  markFailed,
];

/** The task named `name`, or undefined. */
export function findTask(name: string): TaskDefinition | undefined {
  return taskCatalog.find((t) => t.name === name);
}
