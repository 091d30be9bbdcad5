/** Fields every log line may carry so one run can be followed across processes. */
export interface LogFields {
  workflowId?: string;
  taskRef?: string;
  taskId?: string;
  workerId?: string;
  [key: string]: unknown;
}

/** A structured logger; `child` adds fields to every line it writes. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** A logger that drops everything (tests, quiet commands). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
