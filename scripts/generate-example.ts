// Regenerates examples/meeting (manifest layout) and examples/meeting-daily
// (Daily.co raw-tracks layout, the same audio files under Daily's names).
// Deterministic: flite and bit-exact ffmpeg give the same bytes on every run.
// Run: node --import tsx scripts/generate-example.ts
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TRACK_FORMATS, makeRecording, speechDurationSec } from '../test/fixtures/make-recording.js';
import type { ParticipantSpec, Voice } from '../test/fixtures/make-recording.js';

interface Person {
  id: string;
  /** Daily participant ids are UUIDs. */
  dailyId: string;
  name: string;
  voice: Voice;
  /** When they join the call (their track starts). */
  joinSec: number;
}

const people = {
  alice: { id: 'p1', dailyId: '5f0c2a1e-7d4b-4c9a-9e21-3b8f6d0a1c11', name: 'Alice', voice: 'slt', joinSec: 0 },
  bob: { id: 'p2', dailyId: '8a3e9b72-1f6c-4d05-b7a4-62c1e0f9d322', name: 'Bob', voice: 'rms', joinSec: 2.6 },
  angus: { id: 'p3', dailyId: 'c41d7e08-93a2-4b6f-8c5d-0e7f2a9b4433', name: 'Angus', voice: 'awb', joinSec: 9.4 },
} as const satisfies Record<string, Person>;

/** Turns in order; `gap` is the pause after the previous turn ends (negative: they talk over it). */
const turns: { who: keyof typeof people; text: string; gap: number }[] = [
  { who: 'alice', gap: 1.2, text: 'Good morning everyone. Thanks for joining the weekly product sync.' },
  { who: 'alice', gap: 0.5, text: 'Today we need to settle the launch date for version two, and the budget for the marketing campaign.' },
  { who: 'bob', gap: 0.8, text: 'Morning Alice. The release candidate passed all the tests yesterday, so engineering is ready.' },
  { who: 'angus', gap: 0.9, text: 'Sorry I am late. Marketing is ready too, but we still need the final budget numbers.' },
  { who: 'alice', gap: 0.7, text: 'Then let us decide. We will ship version two next Tuesday.' },
  { who: 'bob', gap: -1.1, text: 'Agreed, Tuesday works for us.' },
  { who: 'angus', gap: 0.6, text: 'Tuesday is fine for the campaign as well.' },
  { who: 'alice', gap: 0.8, text: 'Good. Bob, can you send the release notes to the support team by Friday?' },
  { who: 'bob', gap: 0.6, text: 'Yes, I will send the release notes by Friday afternoon.' },
  { who: 'alice', gap: 0.7, text: 'Angus, please prepare the budget draft for the campaign by Thursday.' },
  { who: 'angus', gap: 0.7, text: 'I will have the budget draft ready by Thursday, and I will book the launch webinar.' },
  { who: 'bob', gap: 0.9, text: 'One more thing. We decided to drop the old export feature, so I will update the documentation next week.' },
  { who: 'alice', gap: 0.8, text: 'Great. So, to recap: we ship version two on Tuesday, Bob sends the release notes by Friday, and Angus prepares the budget draft by Thursday.' },
  { who: 'alice', gap: 0.5, text: 'Thanks everyone, see you next week.' },
  { who: 'bob', gap: 0.4, text: 'Thanks, bye.' },
  { who: 'angus', gap: -0.3, text: 'Bye everyone.' },
];

/** Epoch ms of the (fictional) Daily recording's start. */
const DAILY_RECORDING_START_MS = 1_767_348_000_000;
const ms = (sec: number): number => Math.round(sec * 1000) / 1000;

async function main(): Promise<void> {
  const root = join(import.meta.dirname, '..', 'examples');
  const meetingDir = join(root, 'meeting');
  const dailyDir = join(root, 'meeting-daily');

  // Lay the turns out on the meeting timeline from flite's real durations.
  const timed: { who: keyof typeof people; text: string; atSec: number; endSec: number }[] = [];
  let previousEnd = 0;
  for (const turn of turns) {
    const atSec = ms(Math.max(people[turn.who].joinSec + 0.5, previousEnd + turn.gap));
    previousEnd = atSec + (await speechDurationSec(people[turn.who].voice, turn.text));
    timed.push({ who: turn.who, text: turn.text, atSec, endSec: previousEnd });
  }
  // Everybody stays until the call ends, as in a real meeting.
  const callEndSec = previousEnd + 1.5;

  const participants: ParticipantSpec[] = Object.entries(people).map(([key, p]) => ({
    id: p.id,
    name: p.name,
    voice: p.voice,
    trackStartSec: p.joinSec,
    // Low bitrate: the example ships in the repository.
    format: { ...TRACK_FORMATS.opusWebm, codecArgs: ['-c:a', 'libopus', '-b:a', '20k', '-application', 'voip'] },
    tailSec: ms(callEndSec - Math.max(p.joinSec, ...timed.filter((t) => t.who === key).map((t) => t.endSec))),
    utterances: timed.filter((t) => t.who === key).map(({ atSec, text }) => ({ atSec, text })),
  }));

  await rm(meetingDir, { recursive: true, force: true });
  const truth = await makeRecording(meetingDir, { layout: 'manifest', participants });
  const script = {
    description: 'Ground truth of the bundled example: who says what, when (seconds on the meeting timeline).',
    participants: Object.values(people).map((p) => ({ id: p.id, name: p.name, voice: p.voice, trackStartSec: p.joinSec })),
    durationSec: ms(truth.durationSec),
    utterances: truth.utterances.map((u) => ({ participantId: u.participantId, name: u.name, start: ms(u.start), end: ms(u.end), text: u.text })),
  };
  await writeFile(join(meetingDir, 'script.json'), `${JSON.stringify(script, null, 2)}\n`);

  // The Daily copy reuses the very same files, so git stores each only once.
  await rm(dailyDir, { recursive: true, force: true });
  await mkdir(dailyDir, { recursive: true });
  const persons = Object.values(people);
  for (const track of truth.tracks) {
    const person = persons.find((p) => p.id === track.participantId)!;
    const name = `${DAILY_RECORDING_START_MS}-${person.dailyId}-cam-audio-${DAILY_RECORDING_START_MS + track.offsetMs}`;
    await copyFile(track.path, join(dailyDir, name));
  }
  const dailyParticipants = persons.map((p) => ({ participant_id: p.dailyId, user_name: p.name, user_id: null }));
  await writeFile(join(dailyDir, 'participants.json'), `${JSON.stringify(dailyParticipants, null, 2)}\n`);

  const speech = truth.utterances.reduce((sum, u) => sum + u.end - u.start, 0);
  console.log(`examples/meeting: ${truth.tracks.map((t) => basename(t.path)).join(', ')}; ${truth.durationSec.toFixed(1)} s meeting, ${speech.toFixed(1)} s of speech, ${truth.utterances.length} utterances`);
}

await main();
