import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { toMarkdown } from '../domain/formats/markdown.js';
import { toPlainText } from '../domain/formats/plain-text.js';
import { toSrt } from '../domain/formats/srt.js';
import { toWebVtt } from '../domain/formats/webvtt.js';
import type { BlobStore } from '../store/blob-store.js';
import { blobKeys, readTranscriptDocument } from '../tasks/index.js';

/** The files written to `--out`, by name. */
export const exportedFiles = [
  'transcript.json',
  'transcript.vtt',
  'transcript.srt',
  'transcript.txt',
  'transcript.md',
  'waveform.json',
  'audio.mp3',
] as const;

/**
 * Writes a finished transcript to `outDir`: everything is written into a
 * temporary sibling folder first and renamed into place at the end, so a
 * failure never leaves a half-written output folder (an older one is replaced
 * whole).
 */
export async function exportTranscript(blobs: BlobStore, transcriptId: string, outDir: string): Promise<string[]> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.partial-`));
  try {
    const transcript = await readTranscriptDocument(blobs, transcriptId);
    const written: string[] = [];
    const write = async (name: string, content: string | Buffer) => {
      await writeFile(join(staging, name), content);
      written.push(name);
    };
    await write('transcript.json', `${JSON.stringify(transcript, null, 2)}\n`);
    await write('transcript.vtt', toWebVtt(transcript));
    await write('transcript.srt', toSrt(transcript));
    await write('transcript.txt', toPlainText(transcript));
    await write('transcript.md', toMarkdown(transcript));
    await write('waveform.json', `${(await blobs.get(blobKeys.waveform(transcriptId))).toString('utf8')}\n`);
    // Without consent the audio was deleted: there is nothing to export.
    if (!transcript.audioDeleted) await write('audio.mp3', await blobs.get(blobKeys.mixdown(transcriptId)));
    const previous = `${staging}.old`;
    await rename(target, previous).catch(() => undefined);
    await rename(staging, target);
    await rm(previous, { recursive: true, force: true });
    return written;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
