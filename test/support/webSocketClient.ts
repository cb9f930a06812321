import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * A WebSocket client just big enough to read a Direct Line stream in Node 20 (which has no global
 * WebSocket): it opens the connection, collects text messages and can send masked frames.
 */
export class StreamClient {
  readonly messages: string[] = [];
  closed = false;
  private pending = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => this.receive(data));
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  /** Resolves with the client, or with the HTTP status the server refused the upgrade with. */
  static open(url: string, headers: Record<string, string> = {}): Promise<StreamClient | number> {
    return new Promise((resolve, reject) => {
      const request = http.request(url.replace(/^ws/, 'http'), {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), ...headers },
      });
      request.on('upgrade', (_response, socket, head) => {
        const client = new StreamClient(socket);
        if (head.length > 0) client.receive(head);
        resolve(client);
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
  }

  /** Sends a masked frame, as browsers do (opcode 1 = text, 8 = close, 9 = ping). */
  send(payload: string, opcode = 0x1): void {
    const data = Buffer.from(payload);
    const mask = randomBytes(4);
    const masked = Buffer.from(data.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
    this.socket.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | data.length]), mask, masked]));
  }

  close(): void {
    this.socket.destroy();
  }

  /** Waits until at least `count` messages have arrived, or the socket closed. */
  async waitForMessages(count: number): Promise<string[]> {
    while (this.messages.length < count && !this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.messages;
  }

  async waitForClose(): Promise<void> {
    while (!this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private receive(data: Buffer): void {
    this.pending = Buffer.concat([this.pending, data]);
    for (;;) {
      if (this.pending.length < 2) return;
      const opcode = (this.pending[0] ?? 0) & 0x0f;
      let length = (this.pending[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.pending.length < 4) return;
        length = this.pending.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.pending.length < 10) return;
        length = Number(this.pending.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.pending.length < offset + length) return;
      const payload = this.pending.subarray(offset, offset + length).toString('utf8');
      this.pending = this.pending.subarray(offset + length);
      if (opcode === 0x1) this.messages.push(payload);
      if (opcode === 0x8) this.closed = true;
      this.wake();
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
