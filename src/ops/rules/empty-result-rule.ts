import { anomaly, AnomalyKind, isDone, numberField, type AnomalyRule } from '../anomaly.js';

const MIN_SPEECH_SEC = 2; // below this a track may hold a cough, not words

/** An empty result for non-empty input: 0 words from a track with speech, a merge of 0 words. */
export const emptyResultRule: AnomalyRule = (view) =>
  view.tasks.flatMap((t) => {
    if (!isDone(t)) return [];
    const words = numberField(t.outputData, 'wordCount');
    if (words !== 0) return [];
    if (t.taskType === 'transcribe_track') {
      const speech = numberField(t.outputData, 'speechSec') ?? 0;
      if (speech <= MIN_SPEECH_SEC) return [];
      return [anomaly(AnomalyKind.emptyResult, t, `0 words recognised from ${speech.toFixed(1)} s of speech`)];
    }
    if (t.taskType === 'merge_transcripts') {
      return [anomaly(AnomalyKind.emptyResult, t, 'merged 0 words: the transcript is empty')];
    }
    return [];
  });
