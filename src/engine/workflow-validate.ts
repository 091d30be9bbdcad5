import { collectExpressions } from './expression-resolve.js';
import { parsePath } from './json-path.js';
import { isKnownTaskType, workflowDefSchema, type WorkflowDef, type WorkflowTask } from './workflow-def-schema.js';

/** One thing wrong with a definition, with the path of the offending field. */
export interface ValidationProblem {
  path: string;
  message: string;
}

/** What validation may check beyond the definition itself. */
export interface ValidateOptions {
  /** When given, every SIMPLE task type must have one of these workers (task types or Worker objects). */
  workers?: readonly (string | { readonly taskType: string })[];
}

/** Formats a zod issue path as `tasks[3].inputParameters.x`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

interface Located {
  wt: WorkflowTask;
  path: string;
}

/** Every task in a list and below it, with its path. */
function flatten(list: readonly WorkflowTask[], path: string, out: Located[] = []): Located[] {
  list.forEach((wt, i) => {
    const p = `${path}[${i}]`;
    out.push({ wt, path: p });
    wt.forkTasks?.forEach((branch, b) => flatten(branch, `${p}.forkTasks[${b}]`, out));
    for (const [key, branch] of Object.entries(wt.decisionCases ?? {})) flatten(branch, `${p}.decisionCases.${key}`, out);
    if (wt.defaultCase) flatten(wt.defaultCase, `${p}.defaultCase`, out);
    if (wt.loopOver) flatten(wt.loopOver, `${p}.loopOver`, out);
  });
  return out;
}

/** What a task makes available to the tasks after it: its own reference and those nested in it. */
function refsWithin(wt: WorkflowTask): string[] {
  return flatten([wt], '').map((l) => l.wt.taskReferenceName);
}

/** Checks a parsed definition's structure; `problems` receives each issue. */
function checkStructure(def: WorkflowDef, problems: ValidationProblem[]): void {
  const all = flatten(def.tasks, 'tasks');
  const seen = new Map<string, string>();
  for (const { wt, path } of all) {
    if (!isKnownTaskType(wt.type)) problems.push({ path: `${path}.type`, message: `unknown task type '${wt.type}'` });
    const first = seen.get(wt.taskReferenceName);
    if (first !== undefined) {
      problems.push({ path: `${path}.taskReferenceName`, message: `duplicate reference name '${wt.taskReferenceName}' (first at ${first})` });
    } else {
      seen.set(wt.taskReferenceName, path);
    }
    switch (wt.type) {
      case 'SWITCH':
        if (wt.expression === undefined) problems.push({ path: `${path}.expression`, message: 'SWITCH needs an expression' });
        if (wt.evaluatorType !== undefined && !['value-param', 'javascript', 'graaljs'].includes(wt.evaluatorType)) {
          problems.push({ path: `${path}.evaluatorType`, message: `unsupported evaluatorType '${wt.evaluatorType}'` });
        }
        break;
      case 'INLINE': {
        const evaluator = wt.inputParameters['evaluatorType'];
        if (evaluator !== 'javascript' && evaluator !== 'graaljs') {
          problems.push({ path: `${path}.inputParameters.evaluatorType`, message: "INLINE needs evaluatorType 'javascript' or 'graaljs'" });
        }
        if (typeof wt.inputParameters['expression'] !== 'string') {
          problems.push({ path: `${path}.inputParameters.expression`, message: 'INLINE needs an expression' });
        }
        break;
      }
      case 'FORK_JOIN':
        if (!wt.forkTasks || wt.forkTasks.length === 0) problems.push({ path: `${path}.forkTasks`, message: 'FORK_JOIN needs forkTasks' });
        break;
      case 'FORK_JOIN_DYNAMIC':
        if (wt.dynamicForkTasksParam !== undefined) {
          if (!Object.hasOwn(wt.inputParameters, wt.dynamicForkTasksParam)) {
            problems.push({ path: `${path}.dynamicForkTasksParam`, message: `names input '${wt.dynamicForkTasksParam}', which inputParameters does not have` });
          }
        } else if (!('forkTaskInputs' in wt.inputParameters)) {
          problems.push({ path: `${path}.inputParameters`, message: 'FORK_JOIN_DYNAMIC needs dynamicForkTasksParam, or a forkTaskInputs input (with forkTaskName)' });
        }
        break;
      case 'DO_WHILE':
        if (!wt.loopCondition) problems.push({ path: `${path}.loopCondition`, message: 'DO_WHILE needs a loopCondition' });
        if (!wt.loopOver || wt.loopOver.length === 0) problems.push({ path: `${path}.loopOver`, message: 'DO_WHILE needs loopOver tasks' });
        break;
      case 'SUB_WORKFLOW':
        if (!wt.subWorkflowParam) problems.push({ path: `${path}.subWorkflowParam`, message: 'SUB_WORKFLOW needs subWorkflowParam.name' });
        break;
      default:
        break;
    }
  }
  checkJoins(def.tasks, 'tasks', problems);
}

/** Forks must be followed directly by a JOIN whose joinOn names tasks of that fork. */
function checkJoins(list: readonly WorkflowTask[], path: string, problems: ValidationProblem[]): void {
  list.forEach((wt, i) => {
    const p = `${path}[${i}]`;
    if (wt.type === 'FORK_JOIN' || wt.type === 'FORK_JOIN_DYNAMIC') {
      const next = list[i + 1];
      if (next?.type !== 'JOIN') {
        problems.push({ path: p, message: `${wt.type} '${wt.taskReferenceName}' must be followed directly by a JOIN` });
      } else if (wt.type === 'FORK_JOIN') {
        const inFork = new Set((wt.forkTasks ?? []).flat().flatMap(refsWithin));
        (next.joinOn ?? []).forEach((ref, j) => {
          if (!inFork.has(ref)) problems.push({ path: `${path}[${i + 1}].joinOn[${j}]`, message: `'${ref}' is not a task of the fork before this JOIN` });
        });
      }
    }
    wt.forkTasks?.forEach((branch, b) => checkJoins(branch, `${p}.forkTasks[${b}]`, problems));
    for (const [key, branch] of Object.entries(wt.decisionCases ?? {})) checkJoins(branch, `${p}.decisionCases.${key}`, problems);
    if (wt.defaultCase) checkJoins(wt.defaultCase, `${p}.defaultCase`, problems);
    if (wt.loopOver) checkJoins(wt.loopOver, `${p}.loopOver`, problems);
  });
}

/** Tracks which references are complete at a point of the workflow. */
class Visible {
  constructor(
    readonly refs: Set<string>,
    readonly patterns: RegExp[],
  ) {}
  copy(): Visible {
    return new Visible(new Set(this.refs), [...this.patterns]);
  }
  has(ref: string): boolean {
    return this.refs.has(ref) || this.patterns.some((p) => p.test(ref));
  }
  addTask(wt: WorkflowTask): void {
    for (const r of refsWithin(wt)) this.refs.add(r);
    const forkName = wt.inputParameters['forkTaskName'];
    if (wt.type === 'FORK_JOIN_DYNAMIC' && typeof forkName === 'string') {
      // `_<name>_<i>`, or `_<forkRef>_<name>_<i>` when an earlier dynamic fork ran (Conductor's naming).
      const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      this.patterns.push(new RegExp(`^_(${esc(wt.taskReferenceName)}_)?${esc(forkName)}_\\d+$`));
    }
  }
}

function checkExpressions(value: unknown, path: string, visible: Visible, allRefs: Set<string>, problems: ValidationProblem[]): void {
  for (const { path: at, body } of collectExpressions(value, path)) {
    let root: string;
    try {
      root = parsePath(body).root;
    } catch (error) {
      problems.push({ path: at, message: `malformed expression '\${${body}}': ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (root === 'workflow' || visible.has(root)) continue;
    if (allRefs.has(root)) {
      problems.push({ path: at, message: `reference '${root}' is not complete before this task (it comes later or runs in a parallel branch)` });
    } else {
      problems.push({ path: at, message: `unknown reference '${root}'` });
    }
  }
}

function checkReferences(list: readonly WorkflowTask[], path: string, visible: Visible, allRefs: Set<string>, problems: ValidationProblem[]): void {
  list.forEach((wt, i) => {
    const p = `${path}[${i}]`;
    checkExpressions(wt.inputParameters, `${p}.inputParameters`, visible, allRefs, problems);
    const inside = visible.copy();
    inside.refs.add(wt.taskReferenceName);
    wt.forkTasks?.forEach((branch, b) => checkReferences(branch, `${p}.forkTasks[${b}]`, inside.copy(), allRefs, problems));
    for (const [key, branch] of Object.entries(wt.decisionCases ?? {})) {
      checkReferences(branch, `${p}.decisionCases.${key}`, inside.copy(), allRefs, problems);
    }
    if (wt.defaultCase) checkReferences(wt.defaultCase, `${p}.defaultCase`, inside.copy(), allRefs, problems);
    if (wt.loopOver) checkReferences(wt.loopOver, `${p}.loopOver`, inside.copy(), allRefs, problems);
    visible.addTask(wt);
  });
}

/**
 * Checks a workflow definition before anything runs: schema, task types,
 * unique references, forks followed by JOINs, and that every `${ref…}`
 * names a task that has finished by then. Returns the problems as data.
 */
export function validateWorkflowDef(def: unknown, options: ValidateOptions = {}): ValidationProblem[] {
  const parsed = workflowDefSchema.safeParse(def);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const problems: ValidationProblem[] = [];
  const wf = parsed.data;
  checkStructure(wf, problems);
  const all = flatten(wf.tasks, 'tasks');
  const allRefs = new Set(all.map((l) => l.wt.taskReferenceName));
  const end = new Visible(new Set(), []);
  checkReferences(wf.tasks, 'tasks', end, allRefs, problems);
  checkExpressions(wf.outputParameters, 'outputParameters', end, allRefs, problems);
  if (options.workers) {
    const types = new Set(options.workers.map((w) => (typeof w === 'string' ? w : w.taskType)));
    for (const { wt, path } of all) {
      if (wt.type === 'SIMPLE' && !types.has(wt.name)) problems.push({ path: `${path}.name`, message: `no worker registered for task type '${wt.name}'` });
    }
  }
  return problems;
}

/** Thrown by `registerWorkflow` when a definition has problems; lists each with its path. */
export class WorkflowDefinitionError extends Error {
  override readonly name = 'WorkflowDefinitionError';
  constructor(
    readonly workflowName: string,
    readonly problems: readonly ValidationProblem[],
  ) {
    super(`invalid workflow definition '${workflowName}':\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}
