import { anomaly, AnomalyKind, formatDuration, isDone, numberField, type AnomalyRule } from '../anomaly.js';

/**
 * Heavy tasks and the least time their input can take, as a share of the
 * audio they process. Recognition is CPU work on every second of speech
 * (pocketsphinx runs at ~0.25× real time here; 1 % would be a 100× faster
 * recogniser). Aligning only decodes and measures levels, which ffmpeg does
 * several hundred times faster than real time, hence 0.1 %.
 */
const minimumShare: Readonly<Record<string, { field: string; share: number; what: string }>> = {
  transcribe_track: { field: 'speechSec', share: 0.01, what: 'of speech' },
  align_track: { field: 'durationSec', share: 0.001, what: 'of audio' },
};

/** A heavy task that finished implausibly fast for the audio it reports having processed. */
export const implausibleSpeedRule: AnomalyRule = (view) =>
  view.tasks.flatMap((t) => {
    const limit = minimumShare[t.taskType];
    if (limit === undefined || !isDone(t) || t.durationMs === undefined) return [];
    const audioSec = numberField(t.outputData, limit.field) ?? numberField(t.inputData, limit.field);
    if (audioSec === undefined || audioSec <= 0) return [];
    const leastMs = audioSec * 1000 * limit.share;
    if (t.durationMs >= leastMs) return [];
    return [
      anomaly(
        AnomalyKind.implausiblyFast,
        t,
        `finished in ${formatDuration(t.durationMs)} for ${Math.round(audioSec)} s ${limit.what}; ` +
          `expected at least ${formatDuration(leastMs)} (${limit.share * 100} % of it)`,
      ),
    ];
  });
