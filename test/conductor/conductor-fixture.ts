import { setTimeout as sleep } from 'node:timers/promises';
import { locateConductorJar, locateJava, startConductor, type ConductorServer } from '../../scripts/services/conductor.js';
import { ConductorClient, type ConductorWorkflow } from '../../src/conductor/index.js';

/**
 * Why the Conductor tests cannot run here, or undefined when they can. With
 * POLYPHONY_REQUIRE_SERVICES=1 (CI) a missing jar or Java is an error instead
 * of a skip, so a broken setup cannot pass as green.
 */
export function conductorUnavailable(): string | undefined {
  const reason = !locateConductorJar()
    ? 'Conductor jar not found (run scripts/fetch-conductor.sh or set CONDUCTOR_JAR)'
    : !locateJava()
      ? 'no Java >= 21 found (set CONDUCTOR_JAVA)'
      : undefined;
  if (reason && process.env['POLYPHONY_REQUIRE_SERVICES'] === '1') {
    throw new Error(`POLYPHONY_REQUIRE_SERVICES=1 but ${reason}`);
  }
  return reason;
}

/** One real server for a test file, with a client pointed at it. */
export interface ConductorHarness {
  readonly server: ConductorServer;
  readonly client: ConductorClient;
}

/** Starts a server for a test file (slow: tens of seconds). */
export async function startHarness(): Promise<ConductorHarness> {
  const server = await startConductor({
    readyTimeoutMs: 300_000,
    onProgress: (m) => process.stderr.write(`# ${m}\n`),
  });
  return { server, client: new ConductorClient({ baseUrl: server.url }) };
}

/** Polls `probe` until it returns a value other than undefined, or fails naming `what`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await sleep(250);
  }
}

/** Waits until the workflow is no longer RUNNING and returns it with its tasks. */
export async function waitForTerminal(client: ConductorClient, id: string, timeoutMs = 60_000): Promise<ConductorWorkflow> {
  return eventually(`workflow ${id} to finish`, async () => {
    const wf = await client.getWorkflow(id);
    return wf.status === 'RUNNING' || wf.status === 'PAUSED' ? undefined : wf;
  }, timeoutMs);
}
