import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseDailyTrackName } from './daily-track-name.js';
import { loadRecording } from './recording-loader.js';

// The loader reads names and manifests only; audio is probed later, so empty files stand in for tracks here.
let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'polyphony-recording-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function dirWith(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
  return dir;
}

test('Daily names parse with dashed participant ids', () => {
  assert.deepEqual(parseDailyTrackName('1700000000000-3f1c-aa-b2-cam-audio-1700000005000'), {
    recordingStartMs: 1700000000000,
    participantId: '3f1c-aa-b2',
    kind: 'cam-audio',
    trackStartMs: 1700000005000,
  });
  assert.equal(parseDailyTrackName('notes.txt'), undefined);
});

test('Daily layout: cam-audio only, offsets from names, names from participants.json, rejoin = one participant', async () => {
  const dir = await dirWith('daily', {
    '1000-p-a-cam-audio-1000': '',
    '1000-p-b-cam-audio-6000': '',
    '1000-p-a-cam-audio-20000': '',
    '1000-p-a-screen-audio-3000': '',
    'participants.json': JSON.stringify([{ participant_id: 'p-a', user_name: 'Alice', user_id: null }]),
  });
  const rec = await loadRecording(dir);
  assert.equal(rec.layout, 'daily');
  assert.deepEqual(
    rec.tracks.map((t) => [t.file, t.participantId, t.offsetMs]),
    [
      ['1000-p-a-cam-audio-1000', 'p-a', 0],
      ['1000-p-b-cam-audio-6000', 'p-b', 5000],
      ['1000-p-a-cam-audio-20000', 'p-a', 19000],
    ],
  );
  assert.deepEqual(
    rec.participants.map((p) => [p.id, p.name, p.speaker]),
    [
      ['p-a', 'Alice', 0],
      ['p-b', 'Speaker 2', 1],
    ],
  );
});

test('manifest layout: offsets optional, consent carried, repeated participant kept as one', async () => {
  const dir = await dirWith('manifest', {
    'a.wav': '',
    'b.wav': '',
    'a2.wav': '',
    'recording.json': JSON.stringify({
      tracks: [
        { path: 'a.wav', participant: { id: 'a', name: 'Alice' }, offsetMs: 0 },
        { path: 'b.wav', participant: { id: 'b', name: 'Bob', consent: false } },
        { path: 'a2.wav', participant: { id: 'a', name: 'Alice' }, offsetMs: 9000 },
      ],
    }),
  });
  const rec = await loadRecording(dir);
  assert.deepEqual(rec.tracks.map((t) => [t.participantId, t.offsetMs]), [['a', 0], ['b', undefined], ['a', 9000]]);
  assert.deepEqual(rec.participants.map((p) => [p.name, p.speaker, p.consent]), [['Alice', 0, true], ['Bob', 1, false]]);
});

test('bad input names the file and the problem', async () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{}, /recording directory is empty/],
    [{ 'notes.txt': '' }, /no recording\.json and no Daily raw-tracks files/],
    [{ 'recording.json': '{ nope' }, /recording\.json: does not parse as JSON/],
    [{ 'recording.json': JSON.stringify({ tracks: [] }) }, /recording\.json: tracks: a recording needs at least one track/],
    [{ 'recording.json': JSON.stringify({ tracks: [{ path: 'x.wav' }] }) }, /recording\.json: tracks\[0\]\.participant/],
    [{ 'recording.json': JSON.stringify({ tracks: [{ path: 'bob.wav', participant: { id: 'b', name: 'B' } }] }) }, /tracks\[0\]\.path: file not found: bob\.wav/],
    [{ 'recording.json': JSON.stringify({ tracks: [{ path: '../../etc/passwd', participant: { id: 'b', name: 'B' } }] }) }, /tracks\[0\]\.path: \.\.\/\.\.\/etc\/passwd is outside the recording directory/],
    [{ '1-p-cam-audio-1': '', 'participants.json': '[{"user_name": 3}]' }, /participants\.json: \[0\]\.participant_id/],
  ];
  for (const [i, [files, message]] of cases.entries()) {
    const dir = await dirWith(`bad-${i}`, files);
    await assert.rejects(loadRecording(dir), (error: Error) => {
      assert.match(error.message, message);
      assert.equal((error as { terminal?: boolean }).terminal, true);
      return true;
    });
  }
  await assert.rejects(loadRecording(join(root, 'missing')), /recording directory not found/);
});
