/** Where each artefact of a transcript lives in the blob store; one place so tasks agree. */
export const blobKeys = {
  root: (transcriptId: string) => `transcripts/${transcriptId}/`,
  alignedTrack: (transcriptId: string, track: number) => `transcripts/${transcriptId}/tracks/${track}/aligned.wav`,
  speechRegions: (transcriptId: string, track: number) => `transcripts/${transcriptId}/tracks/${track}/regions.json`,
  trackWords: (transcriptId: string, track: number) => `transcripts/${transcriptId}/tracks/${track}/words.json`,
  words: (transcriptId: string) => `transcripts/${transcriptId}/words.json`,
  segments: (transcriptId: string) => `transcripts/${transcriptId}/segments.json`,
  topic: (transcriptId: string, chunk: number) => `transcripts/${transcriptId}/topics/${chunk}.json`,
  topics: (transcriptId: string) => `transcripts/${transcriptId}/topics.json`,
  mixdown: (transcriptId: string) => `transcripts/${transcriptId}/audio.mp3`,
  waveform: (transcriptId: string) => `transcripts/${transcriptId}/waveform.json`,
  transcript: (transcriptId: string) => `transcripts/${transcriptId}/transcript.json`,
} as const;
