#!/usr/bin/env node
import { CliError } from './cli-error.js';

/** A command: takes its own arguments, returns the exit code. */
type Command = (argv: string[]) => Promise<number>;

/** The one command table; each command lives in commands/<name>.ts and loads on demand. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  process: {
    summary: 'process <recording> --out <dir>: transcribe a multitrack recording',
    load: async () => (await import('./commands/process.js')).processCommand,
  },
  workflow: {
    summary: 'workflow run|get|list|retry|restart|resume|pause|terminate|check: Conductor workflows on the embedded engine',
    load: async () => (await import('./commands/pipeline-workflow.js')).pipelineWorkflowCommand,
  },
  worker: {
    summary: 'worker [--workers <module>] [--tasks a,b] [--concurrency N]: host workers for a Conductor server',
    load: async () => (await import('./commands/pipeline-worker.js')).pipelineWorkerCommand,
  },
  inspect: {
    summary: 'inspect <workflowId> [--json]: a run task by task, with anomalies flagged',
    load: async () => (await import('./commands/inspect.js')).inspectCommand,
  },
  doctor: {
    summary: 'doctor [--json]: check tools, database, blob store, LLM, Conductor and its workers',
    load: async () => (await import('./commands/doctor.js')).doctorCommand,
  },
  shadow: {
    summary: 'shadow <recording> [--engines a,b | --asr a,b | --llm a,b] [--out <dir>] [--json]: run two configurations and compare the transcripts',
    load: async () => (await import('./commands/shadow.js')).shadowCommand,
  },
  task: {
    summary: 'task run <taskName> --input <json|@file>: run one task outside any workflow',
    load: async () => (await import('./commands/task.js')).taskCommand,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: polyphony <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`polyphony: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`polyphony: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else {
      // A bug, not bad input: show the stack.
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    }
  },
);
