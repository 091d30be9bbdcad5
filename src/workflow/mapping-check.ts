import { z } from 'zod';
import type { TaskDefinition } from '../tasks/task-definition.js';
import { incompatibility, schemaAt, type JsonSchema } from './json-schema-compat.js';
import { flattenTasks, type WorkflowJson, type WorkflowTaskJson } from './workflow-tasks.js';

/** One problem found by the static check, with the JSON path where it sits. */
export interface MappingProblem {
  path: string;
  message: string;
}

export interface MappingCheckInput {
  workflows: readonly WorkflowJson[];
  taskDefNames: readonly string[];
  tasks: readonly TaskDefinition[];
}

const wholeExpression = /^\$\{([^}]+)\}$/;
const anyExpression = /\$\{([^}]+)\}/g;

/** `get_recording.output.tracks[0].path` → ['get_recording', 'output', 'tracks', 0, 'path']. */
function splitPath(expression: string): (string | number)[] {
  return expression
    .split('.')
    .filter(Boolean)
    .flatMap((part) => {
      const [name, ...indexes] = part.split('[');
      return [...(name ? [name] : []), ...indexes.map((i) => Number(i.replace(']', '')))];
    });
}

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;

/**
 * Proves the definitions fit the code: every `${ref.output.path}` names a field
 * its producer's output schema has, of a type the consumer's input schema
 * accepts; every required input is mapped; every SIMPLE task has a worker and a
 * task definition. Runs with no engine, so a typo fails CI instead of a meeting.
 */
export function checkMappings(input: MappingCheckInput): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const byName = new Map(input.tasks.map((t) => [t.name, t]));
  const workflows = new Map(input.workflows.map((w) => [w.name, w]));

  const producerSchema = (workflow: WorkflowJson, task: WorkflowTaskJson, seen: Set<string>): JsonSchema => {
    const type = task.type ?? 'SIMPLE';
    if (type === 'SIMPLE') {
      const def = byName.get(task.name);
      return def ? toSchema(def.output, 'output') : {};
    }
    if (type === 'SUB_WORKFLOW' && task.subWorkflowParam && !seen.has(task.subWorkflowParam.name)) {
      const child = workflows.get(task.subWorkflowParam.name);
      if (!child) return {};
      const properties: Record<string, JsonSchema> = {};
      for (const [key, value] of Object.entries(child.outputParameters ?? {})) {
        const m = typeof value === 'string' ? wholeExpression.exec(value) : null;
        properties[key] = m ? (resolve(child, m[1]!, new Set([...seen, child.name])) ?? {}) : {};
      }
      return { type: 'object', properties };
    }
    return {}; // JOIN, INLINE, …: a map whose shape the static check cannot know
  };

  const resolve = (workflow: WorkflowJson, expression: string, seen = new Set<string>()): JsonSchema | undefined => {
    const [root, section, ...rest] = splitPath(expression);
    if (root === 'workflow') return {};
    const producer = flattenTasks(workflow.tasks).find((t) => t.task.taskReferenceName === root);
    if (!producer || section !== 'output') return undefined;
    return schemaAt(producerSchema(workflow, producer.task, seen), rest);
  };

  for (const workflow of input.workflows) {
    for (const { task, path } of flattenTasks(workflow.tasks)) {
      const at = `${workflow.name}: ${path}`;
      const type = task.type ?? 'SIMPLE';
      const consumer = type === 'SIMPLE' ? byName.get(task.name) : undefined;
      if (type === 'SIMPLE') {
        if (!consumer) problems.push({ path: at, message: `no worker implements task type '${task.name}'` });
        if (!input.taskDefNames.includes(task.name)) problems.push({ path: at, message: `no task definition for '${task.name}'` });
      }
      const accepted = consumer ? toSchema(consumer.input, 'input') : undefined;
      const params = task.inputParameters ?? {};
      for (const key of accepted?.required ?? []) {
        if (!(key in params)) problems.push({ path: `${at}.inputParameters`, message: `required input '${key}' is not mapped` });
      }
      for (const [key, value] of Object.entries(params)) {
        if (typeof value !== 'string') continue;
        const where = `${at}.inputParameters.${key}`;
        if (accepted && !accepted.properties?.[key]) {
          problems.push({ path: where, message: `${task.name} has no input '${key}'` });
        }
        const whole = wholeExpression.exec(value);
        for (const [, expression] of value.matchAll(anyExpression)) {
          const [root, , field] = splitPath(expression!);
          if (root === 'workflow') {
            if (field !== undefined && splitPath(expression!)[1] === 'input' && workflow.inputParameters && !workflow.inputParameters.includes(String(field))) {
              problems.push({ path: where, message: `workflow input '${String(field)}' is not declared in inputParameters` });
            }
            continue;
          }
          const produced = resolve(workflow, expression!);
          if (!produced) {
            problems.push({ path: where, message: `\${${expression}} does not exist in its producer's output` });
            continue;
          }
          const acceptedHere = accepted?.properties?.[key];
          if (!acceptedHere) continue;
          const problem = whole ? incompatibility(produced, acceptedHere, key) : incompatibility({ type: 'string' }, acceptedHere, key);
          if (problem) problems.push({ path: where, message: `\${${expression}}: ${problem}` });
        }
      }
    }
    for (const [key, value] of Object.entries(workflow.outputParameters ?? {})) {
      const m = typeof value === 'string' ? wholeExpression.exec(value) : null;
      if (m && !resolve(workflow, m[1]!)) {
        problems.push({ path: `${workflow.name}: outputParameters.${key}`, message: `\${${m[1]}} does not exist in its producer's output` });
      }
    }
  }
  return problems;
}
