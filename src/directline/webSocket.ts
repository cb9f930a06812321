import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Just enough of RFC 6455 for Direct Line streaming: the server pushes text frames; the client only
 * sends keep-alives (empty messages), pings and close frames, whose contents are ignored.
 */

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_INCOMING_FRAME = 16 * 1024;
/** Clients send a keep-alive every 20 s; a socket silent for longer than this is considered dead. */
const SILENCE_LIMIT_MS = 65_000;

const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
const CloseCode = { normal: 1000, goingAway: 1001, protocolError: 1002, tooBig: 1009 } as const;

export interface PushSocket {
  send(text: string): void;
  close(code?: number): void;
  /** Called once, however the socket ends. */
  onClose(listener: () => void): void;
  /** Called for every frame from the client (keep-alives included). */
  onActivity(listener: () => void): void;
}

/** Rejects an upgrade request with a plain HTTP status before any WebSocket is established. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Completes the WebSocket handshake, or refuses it (400) and returns undefined. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer): PushSocket | undefined {
  const key = req.headers['sec-websocket-key'];
  const isWebSocket = req.headers.upgrade?.toLowerCase() === 'websocket';
  if (!isWebSocket || typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') {
    refuseUpgrade(socket, 400, 'Bad Request');
    return undefined;
  }
  const accept = createHash('sha1').update(key + HANDSHAKE_GUID).digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  const pushSocket = new ServerWebSocket(socket);
  if (head.length > 0) pushSocket.receive(head);
  return pushSocket;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigEndian64(length)]);
  return Buffer.concat([header, payload]);
}

function bigEndian64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

interface IncomingFrame {
  readonly opcode: number;
  readonly payload: Buffer;
  readonly size: number;
}

/** Parses the frame at the start of the buffer: undefined if incomplete, a close code if unacceptable. */
function parseFrame(buffer: Buffer): IncomingFrame | number | undefined {
  if (buffer.length < 2) return undefined;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const second = buffer[1] ?? 0;
  if ((second & 0x80) === 0) return CloseCode.protocolError; // clients must mask
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    return CloseCode.tooBig;
  }
  if (length > MAX_INCOMING_FRAME) return CloseCode.tooBig;
  if (buffer.length < offset + 4 + length) return undefined;
  const mask = buffer.subarray(offset, offset + 4);
  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
  for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode, payload, size: offset + 4 + length };
}

class ServerWebSocket implements PushSocket {
  private pending: Buffer = Buffer.alloc(0);
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];
  private readonly activityListeners: Array<() => void> = [];

  constructor(private readonly socket: Duplex & { setNoDelay?(noDelay: boolean): void; setTimeout?(ms: number, callback: () => void): void }) {
    socket.setNoDelay?.(true);
    socket.setTimeout?.(SILENCE_LIMIT_MS, () => (this.closed ? socket.destroy() : this.close(CloseCode.goingAway)));
    socket.on('data', (data: Buffer) => this.receive(data));
    socket.on('close', () => this.finish());
    // Upgraded sockets allow half-open connections: a client that went away has only ended its side.
    socket.on('end', () => this.close(CloseCode.goingAway));
    socket.on('error', () => this.finish());
  }

  send(text: string): void {
    if (!this.closed) this.socket.write(frame(Opcode.text, Buffer.from(text, 'utf8')));
  }

  close(code: number = CloseCode.normal): void {
    if (this.closed) return;
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    this.socket.end(frame(Opcode.close, payload));
    this.finish();
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  onActivity(listener: () => void): void {
    this.activityListeners.push(listener);
  }

  receive(data: Buffer): void {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    for (;;) {
      const parsed = parseFrame(this.pending);
      if (parsed === undefined) return;
      if (typeof parsed === 'number') return this.close(parsed);
      this.pending = this.pending.subarray(parsed.size);
      this.handle(parsed);
      if (this.closed) return;
    }
  }

  private handle({ opcode, payload }: IncomingFrame): void {
    for (const listener of this.activityListeners) listener();
    if (opcode === Opcode.close) this.close(CloseCode.normal);
    else if (opcode === Opcode.ping && !this.closed) this.socket.write(frame(Opcode.pong, payload));
    // Text, binary, continuation and pong frames carry nothing the server needs.
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
