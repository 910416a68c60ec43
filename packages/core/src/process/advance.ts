import type { ProcessDefinition } from './definition-types.js';
import type { ProcessInput, StepResult } from './effect-types.js';
import type { AdvanceContext, LaunchOptions } from './engine-types.js';
import type { ProcessInstance } from './instance-types.js';

/**
 * Creates an instance of `definition` and runs it until it waits on an effect or ends.
 * Throws `VALIDATION_FAILED` naming `inputs.<name>` when a launch input is unknown or of the wrong type.
 */
export function launchInstance(definition: ProcessDefinition, options: LaunchOptions, ctx: AdvanceContext): StepResult {
  void definition;
  void options;
  void ctx;
  throw new Error('not yet implemented');
}

/**
 * One step: feeds `input` to a waiting (or errored) instance and runs it until it waits again or ends.
 * Pure: `instance` is not modified. Throws `ACTION_NOT_ALLOWED` when the input does not fit the
 * instance (unknown effect id, finished instance), `VALIDATION_FAILED` for bad submitted data.
 */
export function advance(
  instance: ProcessInstance,
  definition: ProcessDefinition,
  input: ProcessInput,
  ctx: AdvanceContext,
): StepResult {
  void instance;
  void definition;
  void input;
  void ctx;
  throw new Error('not yet implemented');
}
