import { processSamples } from '@tandem/core';
import type { ProcessServer } from './process-server.js';

/**
 * Loads the sample processes (car loan, expense approval, website complaint) published and
 * active, for the demo organisation. Samples already there are left as they are. The car loan's
 * credit check calls `http://<creditServiceHost>/api/v1/demo/credit-score`: this server's own demo
 * endpoint (default `127.0.0.1:8018`). Answers the ids created.
 */
export async function seedProcessSamples(
  processes: Pick<ProcessServer, 'definitions'>,
  options: { creditServiceHost?: string; publishedBy?: string } = {},
): Promise<string[]> {
  const created: string[] = [];
  for (const sample of processSamples(
    options.creditServiceHost ? { creditServiceHost: options.creditServiceHost } : {},
  )) {
    if (processes.definitions.get(sample.id)) continue;
    await processes.definitions.create(sample);
    await processes.definitions.publish(sample.id, options.publishedBy ?? 'admin');
    created.push(sample.id);
  }
  return created;
}
