export { openEngine } from './engine.js';
export { EngineError, type Engine, type EngineOptions, type RunOptions } from './engine-api.js';
export { decide, retryDecision, terminateDecision, type Decision, type DeciderAction, type DeciderInput } from './decider.js';
export {
  TaskType,
  RetryLogic,
  TimeoutPolicy,
  isKnownTaskType,
  workflowDefSchema,
  workflowTaskSchema,
  taskDefSchema,
  defaultTaskDef,
  type WorkflowDef,
  type WorkflowTask,
  type TaskDef,
} from './workflow-def-schema.js';
export {
  WorkflowStatus,
  TaskStatus,
  workflowSchema,
  taskSchema,
  isTerminalWorkflowStatus,
  isTerminalTaskStatus,
  isSuccessfulTaskStatus,
  type Workflow,
  type Task,
} from './workflow-schema.js';
export { validateWorkflowDef, WorkflowDefinitionError, formatPath, type ValidationProblem, type ValidateOptions } from './workflow-validate.js';
export { resolveValue, resolveParameters } from './expression-resolve.js';
export type { WorkflowFilter } from './engine-store.js';
