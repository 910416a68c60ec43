import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

export interface CutOffRelay {
  port: number;
  /** Whole messages taken after DATA (none of them answered). */
  messages(): number;
  close(): Promise<void>;
}

/**
 * An SMTP relay that answers every command, takes the whole message after DATA, and then gives no
 * answer: it hangs up (`hang-up`) or keeps the connection open in silence (`silent`), as a relay
 * cut off by a crash would. What the sender cannot know is whether the message went out.
 */
export async function aRelayCutOffAfterData(mode: 'hang-up' | 'silent'): Promise<CutOffRelay> {
  let messages = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    let inData = false;
    let buffer = '';
    socket.write('220 relay ready\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (!buffer.includes('\r\n.\r\n')) return;
        messages += 1;
        buffer = '';
        if (mode === 'hang-up') socket.destroy();
        return;
      }
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go on\r\n');
          return;
        }
        socket.write(line.startsWith('EHLO') ? '250-relay\r\n250 8BITMIME\r\n' : '250 ok\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages: () => messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
