/**
 * One HTTP/1.1 exchange over a bare TCP socket, the way simple clients do it: the whole request
 * (body included) is written before the answer is read. A server that closes the connection on a
 * body it has not read makes such a client see a reset instead of the answer; fetch hides that.
 */
import net from 'node:net';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Send the body with chunked transfer encoding instead of a Content-Length. */
  readonly chunked?: boolean;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const WRITE_BYTES = 16 * 1024;
/** How long the head travels alone, long enough for a server to act on it. */
const HEAD_START_MS = 50;

/** Generous: an answer that has not come by then is not coming. */
const ANSWER_TIMEOUT_MS = 5000;

/** The request's head and its body, as they go on the wire. */
function encode(request: RawRequest, host: string): [Buffer, Buffer] {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const headers: Record<string, string> = { Host: host, Connection: 'close', ...request.headers };
  if (request.chunked) headers['Transfer-Encoding'] = 'chunked';
  else if (request.body !== undefined) headers['Content-Length'] = String(body.length);
  const head = Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`);
  if (!request.chunked) return [head, body];
  return [head, Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])];
}

function decode(raw: Buffer): RawResponse {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response head in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(end + 4);
  if (headers['transfer-encoding'] === 'chunked') throw new Error('chunked responses are not decoded here');
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

/** Sends the request to baseUrl (http://host:port) and resolves with the answer; rejects on a reset or after 5 s. */
export function rawHttp(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port, host } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname);
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      if (hadError) return;
      try {
        resolve(decode(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    // The head first and the body once the server has seen it (or begun to answer), piece by piece,
    // each write waiting for the last, as a client on a real network does; a server that closes the
    // connection meanwhile fails a write. Not end(): a client that half-closes its side may see
    // Node's server close before it answers.
    const [head, body] = encode(request, host);
    const writeFrom = (offset: number): void => {
      if (offset >= body.length) return;
      socket.write(body.subarray(offset, offset + WRITE_BYTES), (error) => (error ? reject(error) : writeFrom(offset + WRITE_BYTES)));
    };
    let bodyStarted = false;
    const sendBody = (): void => {
      if (bodyStarted) return;
      bodyStarted = true;
      clearTimeout(pause);
      writeFrom(0);
    };
    const pause = setTimeout(sendBody, HEAD_START_MS);
    socket.once('data', sendBody);
    socket.write(head);
  });
}
