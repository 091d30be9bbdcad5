#!/usr/bin/env -S node --import tsx
/**
 * Starts a real Conductor OSS server (the boot jar fetched by
 * scripts/fetch-conductor.sh) on a free port with SQLite persistence in a
 * temp dir, waits until it is ready, and hands back its URL and a stop().
 *
 * From the command line (manual runs, .ci/run):
 *   node --import tsx scripts/services/conductor.ts   # prints the URL, runs until SIGINT/SIGTERM
 * Environment: CONDUCTOR_JAR (jar path), CONDUCTOR_JAVA (java binary),
 * CONDUCTOR_VERSION, POLYPHONY_CACHE, CONDUCTOR_HEAP (default 1g).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, closeSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConductorClient } from '../../src/conductor/conductor-client.js';
import { waitForConductor } from '../../src/conductor/server-readiness.js';

/** Pinned server version; keep in step with scripts/fetch-conductor.sh. */
export const CONDUCTOR_VERSION = process.env['CONDUCTOR_VERSION'] ?? '3.32.3';

/** A running server. `url` includes `/api` (the form CONDUCTOR_SERVER_URL takes). */
export interface ConductorServer {
  readonly url: string;
  readonly port: number;
  readonly logFile: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface StartConductorOptions {
  readonly jar?: string;
  readonly java?: string;
  readonly port?: number;
  readonly readyTimeoutMs?: number;
  /** Extra `--key=value` Spring properties. */
  readonly extraArgs?: readonly string[];
  readonly onProgress?: (message: string) => void;
}

/** The boot jar: $CONDUCTOR_JAR, else the pinned version in the cache, else the newest cached one. */
export function locateConductorJar(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['CONDUCTOR_JAR'];
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  const dir = join(env['POLYPHONY_CACHE'] ?? join(homedir(), '.cache', 'polyphony'), 'conductor');
  const pinned = join(dir, `conductor-server-${CONDUCTOR_VERSION}-boot.jar`);
  if (existsSync(pinned)) return pinned;
  if (!existsSync(dir)) return undefined;
  const jars = readdirSync(dir)
    .filter((f) => /^conductor-server-.*-boot\.jar$/.test(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const newest = jars.at(-1);
  return newest ? join(dir, newest) : undefined;
}

function javaMajor(java: string): number | undefined {
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(`${out.stderr ?? ''}${out.stdout ?? ''}`);
  return match ? Number(match[1]) : undefined;
}

/** A java binary of major version >= 21: $CONDUCTOR_JAVA, $JAVA_HOME, PATH, then /usr/lib/jvm/*. */
export function locateJava(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (env['CONDUCTOR_JAVA']) candidates.push(env['CONDUCTOR_JAVA']);
  if (env['JAVA_HOME']) candidates.push(join(env['JAVA_HOME'], 'bin', 'java'));
  candidates.push('java');
  if (existsSync('/usr/lib/jvm')) {
    for (const d of readdirSync('/usr/lib/jvm').sort().reverse()) candidates.push(join('/usr/lib/jvm', d, 'bin', 'java'));
  }
  return candidates.find((java) => (javaMajor(java) ?? 0) >= 21);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts a server and resolves once it accepts metadata calls; rejects (and cleans up) otherwise. */
export async function startConductor(options: StartConductorOptions = {}): Promise<ConductorServer> {
  const jar = options.jar ?? locateConductorJar();
  if (!jar) throw new Error('Conductor jar not found: run scripts/fetch-conductor.sh or set CONDUCTOR_JAR');
  const java = options.java ?? locateJava();
  if (!java) throw new Error('no Java >= 21 found (set CONDUCTOR_JAVA); conductor-server 3.22+ needs Java 21');
  const port = options.port ?? (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), 'polyphony-conductor-'));
  const logFile = join(stateDir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    `-Xmx${process.env['CONDUCTOR_HEAP'] ?? '1g'}`,
    // Two cores shared by several processes: the serial collector keeps the JVM's thread count down.
    '-XX:+UseSerialGC',
    '-jar',
    jar,
    `--server.port=${port}`,
    `--server.address=127.0.0.1`,
    `--spring.datasource.url=jdbc:sqlite:${join(stateDir, 'conductor.db')}?busy_timeout=15000&journal_mode=WAL`,
    '--conductor.app.ownerEmailMandatory=false',
    '--conductor.app.systemTaskWorkerCallbackDuration=1s',
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(java, args, { cwd: stateDir, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(stateDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}/api`;
  const client = new ConductorClient({ baseUrl: url });
  const abort = new AbortController();
  void exited.then(() => abort.abort(new Error('server process exited')));
  const started = Date.now();
  options.onProgress?.(`conductor: starting ${jar} on port ${port} (log ${logFile})`);
  try {
    await waitForConductor(client, { timeoutMs: options.readyTimeoutMs ?? 180_000, signal: abort.signal, maxDelayMs: 1000 });
  } catch (error) {
    const log = tail(logFile);
    await stop();
    const why = abort.signal.aborted ? `exited with code ${child.exitCode}` : (error as Error).message;
    throw new Error(`Conductor server did not start (${why}); last log lines:\n${log}`);
  }
  options.onProgress?.(`conductor: ready at ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, port, logFile, pid: child.pid ?? -1, stop };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startConductor({ onProgress: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`${server.url}\n`);
  const shutdown = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
