import { ConfigError, loadConfig, type AppConfig } from '../config/app-config.js';
import { CliError } from './cli-error.js';

/** The configuration from the environment; a bad setting is an expected failure, not a bug. */
export function loadCliConfig(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
