import type { Logger } from '../runtime/logger.js';
import { silentLogger } from '../runtime/logger.js';
import type { Worker } from '../runtime/worker.js';
import { workerId as defaultWorkerId } from '../runtime/worker-identity.js';
import type { ConductorClient } from './conductor-client.js';
import { TaskPoller } from './task-poller.js';

/*
 * Why our own poller rather than @io-orkes/conductor-javascript's TaskManager:
 * the SDK polls through update-v2, which hands the next task over in the
 * answer to an update; when polling stops that task is stranded until its
 * response timeout. It also has no drain-then-hand-back shutdown, and its
 * workerID defaults to the hostname. The REST surface a worker needs is
 * three calls (batch poll, update, poll data), so a small loop on Node's
 * fetch gives us exact control of shutdown and worker identity.
 */

/** Lifecycle of a worker host, as Temporal's worker State. */
export const WorkerHostState = {
  INITIALIZED: 'INITIALIZED',
  RUNNING: 'RUNNING',
  DRAINING: 'DRAINING',
  STOPPED: 'STOPPED',
  FAILED: 'FAILED',
} as const;
export type WorkerHostState = (typeof WorkerHostState)[keyof typeof WorkerHostState];

export interface WorkerHostOptions {
  readonly client: ConductorClient;
  readonly workers: readonly Worker[];
  /** Defaults to `host:pid:version` of this process. */
  readonly workerId?: string;
  readonly logger?: Logger;
  /** Long-poll wait per request (default 1000 ms, max 5000). Shorter = faster drain, more requests. */
  readonly pollTimeoutMs?: number;
  /** Conductor task domain to poll, if any. */
  readonly domain?: string;
}

/**
 * Runs `Worker`s as Conductor workers: one poll loop per task type, each
 * bounded by its worker's concurrency. `stop()` drains: polling stops, running
 * tasks get a grace period, and whatever is still running after it is
 * reported FAILED ("worker shutting down") so Conductor retries it now rather
 * than after its response timeout.
 */
export class WorkerHost {
  readonly workerId: string;
  readonly #client: ConductorClient;
  readonly #workers: readonly Worker[];
  readonly #log: Logger;
  readonly #pollTimeoutMs: number;
  readonly #domain: string | undefined;
  readonly #hardStop = new AbortController();
  readonly #endGrace = new AbortController();
  #pollers: TaskPoller[] = [];
  #loops: Promise<void> | undefined;
  #state: WorkerHostState = WorkerHostState.INITIALIZED;
  #stopping: Promise<void> | undefined;
  #error: unknown;
  #resolveDone: () => void = () => {};
  /** Resolves once the host is STOPPED or FAILED. */
  readonly done: Promise<void> = new Promise((resolve) => {
    this.#resolveDone = resolve;
  });

  constructor(options: WorkerHostOptions) {
    const types = options.workers.map((w) => w.taskType);
    const duplicate = types.find((t, i) => types.indexOf(t) !== i);
    if (duplicate) throw new Error(`two workers for task type ${duplicate}`);
    for (const w of options.workers) {
      if (!Number.isInteger(w.concurrency) || w.concurrency < 1) {
        throw new Error(`worker ${w.taskType}: concurrency must be a positive integer, got ${w.concurrency}`);
      }
    }
    this.#client = options.client;
    this.#workers = options.workers;
    this.workerId = options.workerId ?? defaultWorkerId();
    this.#log = (options.logger ?? silentLogger).child({ workerId: this.workerId });
    this.#pollTimeoutMs = options.pollTimeoutMs ?? 1000;
    this.#domain = options.domain;
  }

  /** Current lifecycle state. */
  get state(): WorkerHostState {
    return this.#state;
  }

  /** Tasks executing right now across all task types. */
  get inFlightCount(): number {
    return this.#pollers.reduce((n, p) => n + p.inFlightCount, 0);
  }

  /** The error that put the host in FAILED, if any. */
  get error(): unknown {
    return this.#error;
  }

  /** INITIALIZED → RUNNING: starts one poll loop per worker. */
  start(): void {
    if (this.#state !== WorkerHostState.INITIALIZED) throw new Error(`cannot start a worker host that is ${this.#state}`);
    this.#pollers = this.#workers.map(
      (worker) =>
        new TaskPoller({
          client: this.#client,
          worker,
          workerId: this.workerId,
          logger: this.#log.child({ taskType: worker.taskType }),
          pollTimeoutMs: this.#pollTimeoutMs,
          hardStop: this.#hardStop.signal,
          ...(this.#domain ? { domain: this.#domain } : {}),
        }),
    );
    this.#state = WorkerHostState.RUNNING;
    this.#log.info('worker host running', { taskTypes: this.#workers.map((w) => w.taskType) });
    this.#loops = Promise.all(this.#pollers.map((p) => p.run())).then(
      () => undefined,
      (error: unknown) => {
        // A poll loop only throws on a bug; stop everything rather than run half a host.
        this.#error = error;
        this.#log.error('poll loop crashed', { error: error instanceof Error ? error.stack : String(error) });
        void this.stop(0).finally(() => {
          this.#state = WorkerHostState.FAILED;
          this.#resolveDone();
        });
      },
    );
  }

  /**
   * RUNNING → DRAINING → STOPPED. Waits up to `graceMs` for running tasks,
   * then hands the rest back. Safe to call more than once; `stop(0)` while
   * draining ends the grace period now (a second Ctrl-C).
   */
  async stop(graceMs = 30_000): Promise<void> {
    if (this.#stopping) {
      if (graceMs <= 0) this.#endGrace.abort();
      return this.#stopping;
    }
    if (this.#state === WorkerHostState.INITIALIZED) {
      this.#state = WorkerHostState.STOPPED;
      this.#resolveDone();
      return;
    }
    this.#stopping = this.#drain(graceMs);
    return this.#stopping;
  }

  async #drain(graceMs: number): Promise<void> {
    this.#state = WorkerHostState.DRAINING;
    this.#log.info('draining', { inFlight: this.inFlightCount, graceMs });
    for (const p of this.#pollers) p.drain();
    const grace = AbortSignal.any([AbortSignal.timeout(Math.max(0, graceMs)), this.#endGrace.signal]);
    await Promise.all(this.#pollers.map((p) => p.idle(grace)));
    await Promise.all(this.#pollers.map((p) => p.handBack()));
    // Polls still waiting now are cut off; the server caps them at pollTimeoutMs anyway.
    await Promise.race([this.#loops, new Promise((resolve) => setTimeout(resolve, this.#pollTimeoutMs + 2000))]);
    this.#hardStop.abort(new Error('worker host stopped'));
    await this.#loops;
    if (this.#state === WorkerHostState.DRAINING && this.#error === undefined) {
      this.#state = WorkerHostState.STOPPED;
      this.#resolveDone();
    }
    this.#log.info('worker host stopped');
  }
}
