/**
 * Pieces of process definitions shared by the process crash test (`process-crash-kit.ts`) and the
 * process benchmark (`bench/process/tandem-side.ts`): documents as the API takes them.
 */

/** A variable entry of a definition. */
export function variable(name: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, type, ...extra };
}

/** A Decision: `variable` is set to the first text when `condition` holds, else to the second. */
export function textDecision(
  id: string,
  condition: string,
  variable: string,
  [yes, no]: [string, string],
): Record<string, unknown> {
  const assign = (suffix: string, text: string) => ({
    id: `${id}-${suffix}`,
    kind: 'assign',
    variable,
    expression: JSON.stringify(text),
  });
  return { id, kind: 'decision', condition, then: [assign('then', yes)], else: [assign('else', no)] };
}

/** Invoke Web Service: POSTs `body` (field → expression) as JSON to `url`; `Score` from the answer's `score`. */
export function scoreCall(id: string, url: string, body: Record<string, string>): Record<string, unknown> {
  return {
    id,
    kind: 'invokeWebService',
    protocol: 'http-json',
    method: 'POST',
    url,
    body,
    timeoutSeconds: 10,
    outputs: [{ variable: 'Score', from: 'score' }],
  };
}

/**
 * A process that sends one work item, a one-page form with `control`, to the Loans workgroup and
 * ends when the item is submitted with its Done button.
 */
export function loansWorkItemDefinition(parts: {
  id: string;
  name: string;
  variables: Record<string, unknown>[];
  inputs?: string[];
  control: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: parts.id,
    name: parts.name,
    variables: parts.variables,
    ...(parts.inputs ? { inputs: parts.inputs } : {}),
    forms: [{ id: 'Review', pages: [{ controls: [parts.control] }], buttons: [{ id: 'Done', label: 'Done' }] }],
    states: [
      {
        id: 'Start',
        name: 'Start',
        start: true,
        actions: [
          {
            id: 'item',
            kind: 'sendWorkItemToWorkgroup',
            form: 'Review',
            workgroup: "workgroup'Loans'",
            exits: [{ button: 'Done', actions: [{ id: 'end', kind: 'endProcess' }] }],
          },
        ],
      },
    ],
  };
}
