import { conformanceSuite } from './conformance-suite.js';
import { RUNTIMES } from './runtimes.js';

// A real Conductor server runs the same suite from test/conductor/pipeline-worker-kill.test.ts,
// which starts one (a server takes 40-120 s to start: one per test file).
for (const factory of RUNTIMES) conformanceSuite(factory);
