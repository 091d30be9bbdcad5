import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './run-cli.js';

const ScriptSchema = z.object({
  participants: z.array(z.object({ id: z.string(), name: z.string() })),
  durationSec: z.number(),
  utterances: z.array(z.object({ participantId: z.string(), name: z.string(), start: z.number(), end: z.number(), text: z.string() })),
});

/** The bundled example's ground truth: who said what, when. */
export function exampleTruth() {
  return ScriptSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'examples', 'meeting', 'script.json'), 'utf8')));
}
