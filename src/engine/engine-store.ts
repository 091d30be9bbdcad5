import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { taskDefSchema, workflowDefSchema, type TaskDef, type WorkflowDef } from './workflow-def-schema.js';
import { taskSchema, workflowSchema, type Task, type Workflow } from './workflow-schema.js';

const headerSchema = workflowSchema.omit({ tasks: true });
/** A workflow without its task list, as stored in the `workflows` row. */
export type WorkflowHeader = z.infer<typeof headerSchema>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS task_defs (name TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workflow_defs (
  name TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (name, version));
CREATE TABLE IF NOT EXISTS workflows (
  workflow_id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL,
  correlation_id TEXT, parent_workflow_id TEXT, create_time INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS workflows_status ON workflows (status, create_time);
CREATE TABLE IF NOT EXISTS tasks (
  task_id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tasks_workflow ON tasks (workflow_id, seq);
`;

/** Filters for listing workflows. */
export interface WorkflowFilter {
  status?: string;
  name?: string;
}

/**
 * The engine's SQLite tables: definitions, workflows and tasks, each stored
 * as the JSON Conductor's API would return, parsed with zod on the way out.
 */
export class EngineStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    // NORMAL keeps every committed transaction across a process crash; only an OS crash can lose the last few.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.stmts = {
      upsertTaskDef: db.prepare('INSERT INTO task_defs (name, json) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET json = excluded.json'),
      allTaskDefs: db.prepare('SELECT json FROM task_defs'),
      upsertWorkflowDef: db.prepare(
        'INSERT INTO workflow_defs (name, version, json) VALUES (?, ?, ?) ON CONFLICT (name, version) DO UPDATE SET json = excluded.json',
      ),
      workflowDef: db.prepare('SELECT json FROM workflow_defs WHERE name = ? AND version = ?'),
      latestWorkflowDef: db.prepare('SELECT json FROM workflow_defs WHERE name = ? ORDER BY version DESC LIMIT 1'),
      upsertWorkflow: db.prepare(
        `INSERT INTO workflows (workflow_id, name, version, status, correlation_id, parent_workflow_id, create_time, json)
         VALUES (@workflowId, @workflowName, @workflowVersion, @status, @correlationId, @parentWorkflowId, @createTime, @json)
         ON CONFLICT (workflow_id) DO UPDATE SET status = excluded.status, json = excluded.json`,
      ),
      workflow: db.prepare('SELECT json FROM workflows WHERE workflow_id = ?'),
      status: db.prepare('SELECT status FROM workflows WHERE workflow_id = ?'),
      upsertTask: db.prepare(
        'INSERT INTO tasks (task_id, workflow_id, seq, json) VALUES (?, ?, ?, ?) ON CONFLICT (task_id) DO UPDATE SET json = excluded.json',
      ),
      tasks: db.prepare('SELECT json FROM tasks WHERE workflow_id = ? ORDER BY seq'),
      deleteTasks: db.prepare('DELETE FROM tasks WHERE workflow_id = ?'),
    };
  }

  /**
   * Runs `fn` in one transaction (all of it is recorded, or none). IMMEDIATE
   * takes the write lock up front, so what `fn` reads cannot be changed by
   * another process before it writes.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** A workflow's status as recorded, cheaply (to notice changes made by another process). */
  workflowStatus(id: string): string | undefined {
    return (this.stmts.status.get(id) as { status: string } | undefined)?.status;
  }

  /** Upserts a TaskDef by name. */
  saveTaskDef(def: TaskDef): void {
    this.stmts.upsertTaskDef.run(def.name, JSON.stringify(def));
  }

  /** Every registered TaskDef. */
  taskDefs(): TaskDef[] {
    return (this.stmts.allTaskDefs.all() as { json: string }[]).map((r) => taskDefSchema.parse(JSON.parse(r.json)));
  }

  /** Upserts a WorkflowDef by name and version. */
  saveWorkflowDef(def: WorkflowDef): void {
    this.stmts.upsertWorkflowDef.run(def.name, def.version, JSON.stringify(def));
  }

  /** The definition with this name and version, or the highest version when none is given. */
  workflowDef(name: string, version?: number): WorkflowDef | undefined {
    const row = (version === undefined ? this.stmts.latestWorkflowDef.get(name) : this.stmts.workflowDef.get(name, version)) as
      | { json: string }
      | undefined;
    return row ? workflowDefSchema.parse(JSON.parse(row.json)) : undefined;
  }

  /** Inserts or replaces a workflow's row (everything but its tasks). */
  saveWorkflow(header: WorkflowHeader): void {
    this.stmts.upsertWorkflow.run({
      workflowId: header.workflowId,
      workflowName: header.workflowName,
      workflowVersion: header.workflowVersion,
      status: header.status,
      correlationId: header.correlationId ?? null,
      parentWorkflowId: header.parentWorkflowId ?? null,
      createTime: header.createTime,
      json: JSON.stringify(header),
    });
  }

  /** Inserts or replaces task records, one row each. */
  saveTasks(tasks: readonly Task[]): void {
    for (const t of tasks) this.stmts.upsertTask.run(t.taskId, t.workflowInstanceId, t.seq, JSON.stringify(t));
  }

  /** Removes every task of a workflow (restart). */
  deleteTasks(workflowId: string): void {
    this.stmts.deleteTasks.run(workflowId);
  }

  /** A workflow's row without its tasks. */
  workflowHeader(id: string): WorkflowHeader | undefined {
    const row = this.stmts.workflow.get(id) as { json: string } | undefined;
    return row ? headerSchema.parse(JSON.parse(row.json)) : undefined;
  }

  /** A workflow's task records in `seq` order. */
  tasks(workflowId: string): Task[] {
    return (this.stmts.tasks.all(workflowId) as { json: string }[]).map((r) => taskSchema.parse(JSON.parse(r.json)));
  }

  /** A workflow with its tasks in `seq` order. */
  workflow(id: string): Workflow | undefined {
    const header = this.workflowHeader(id);
    return header ? { ...header, tasks: this.tasks(id) } : undefined;
  }

  /** Workflow headers, newest first. */
  listWorkflows(filter: WorkflowFilter = {}): WorkflowHeader[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status !== undefined) {
      where.push('status = ?');
      args.push(filter.status);
    }
    if (filter.name !== undefined) {
      where.push('name = ?');
      args.push(filter.name);
    }
    const sql = `SELECT json FROM workflows ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY create_time DESC, rowid DESC`;
    return (this.db.prepare(sql).all(...args) as { json: string }[]).map((r) => headerSchema.parse(JSON.parse(r.json)));
  }
}
