/** The few fields of a Conductor WorkflowTask that the static checks read. */
export interface WorkflowTaskJson {
  name: string;
  taskReferenceName: string;
  type?: string;
  inputParameters?: Record<string, unknown>;
  forkTasks?: WorkflowTaskJson[][];
  decisionCases?: Record<string, WorkflowTaskJson[]>;
  defaultCase?: WorkflowTaskJson[];
  loopOver?: WorkflowTaskJson[];
  subWorkflowParam?: { name: string; version?: number };
}

export interface WorkflowJson {
  name: string;
  inputParameters?: string[];
  tasks: WorkflowTaskJson[];
  outputParameters?: Record<string, unknown>;
}

/** A task with the JSON path that locates it in its definition, e.g. `tasks[4].forkTasks[1][0]`. */
export interface LocatedTask {
  task: WorkflowTaskJson;
  path: string;
}

/** Every task of a definition, nested ones included, in definition order. */
export function flattenTasks(tasks: readonly WorkflowTaskJson[], path = 'tasks'): LocatedTask[] {
  return tasks.flatMap((task, i) => {
    const here = `${path}[${i}]`;
    const nested: LocatedTask[] = [
      ...(task.forkTasks ?? []).flatMap((branch, b) => flattenTasks(branch, `${here}.forkTasks[${b}]`)),
      ...Object.entries(task.decisionCases ?? {}).flatMap(([k, c]) => flattenTasks(c, `${here}.decisionCases.${k}`)),
      ...flattenTasks(task.defaultCase ?? [], `${here}.defaultCase`),
      ...flattenTasks(task.loopOver ?? [], `${here}.loopOver`),
    ];
    return [{ task, path: here }, ...nested];
  });
}
