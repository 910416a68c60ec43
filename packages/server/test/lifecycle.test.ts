import { describe, expect, it, vi } from 'vitest';
import { aServer } from './support/harness.js';

describe('the server lifecycle', () => {
  it('starts the timers of every service and channel, and stops them and the SMTP server at close', async () => {
    const s = await aServer();
    const t = s.tandem;
    const started = [t.router, t.statistics, t.webChat, t.callbacks].map((part) => vi.spyOn(part, 'startTimers'));
    const stopped = [t.router, t.statistics, t.webChat, t.callbacks].map((part) => vi.spyOn(part, 'stopTimers'));
    const smtp = await t.email!.listen();
    const emailClose = vi.spyOn(t.email!, 'close');
    t.startTimers();
    for (const spy of started) expect(spy).toHaveBeenCalledOnce();
    await s.close();
    for (const spy of stopped) expect(spy).toHaveBeenCalled();
    expect(emailClose).toHaveBeenCalledOnce();
    // The SMTP port is free again.
    const { createServer } = await import('node:net');
    await new Promise<void>((resolve, reject) => {
      const probe = createServer()
        .once('error', reject)
        .listen(smtp.port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  });
});
