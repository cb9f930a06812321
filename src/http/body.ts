import type { IncomingMessage } from 'node:http';

/**
 * The outcome of reading a JSON request body: the parsed value, or the HTTP error to answer with.
 * `unread` is true when the client may still be sending the refused body: the connection should
 * then be closed with the answer rather than kept for another request.
 */
export type JsonBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'rejected'; readonly status: 400 | 413 | 415; readonly message: string; readonly unread: boolean };

/** application/json, optionally with parameters (charset) — also the +json structured suffix. */
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * How much of a refused body is read (and thrown away) before answering. A client that sends its
 * whole body before reading the answer (most do) would otherwise see its connection reset instead
 * of the 413; beyond this, reading on only spends bandwidth, so the answer goes out and the
 * connection is closed.
 */
export const DISCARD_LIMIT_BYTES = 4 * 1024 * 1024;

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_TYPE.test(header.trim());
}

/**
 * Reads and parses a JSON body with a hard size limit. The limit is enforced while streaming,
 * so a client cannot make the server buffer more than `maxBytes` whatever Content-Length says.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  if (!isJsonContentType(req.headers['content-type'])) {
    return rejected(415, 'Content-Type must be application/json', await discardRest(req, Number(req.headers['content-length'])));
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes, await discardRest(req, declared));
  const text = await readText(req, maxBytes);
  if (text === undefined) return tooLarge(maxBytes, await discardRest(req, Number.NaN));
  if (text.trim() === '') return rejected(400, 'request body is empty', false);
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return rejected(400, 'request body is not valid JSON', false);
  }
}

function rejected(status: 400 | 413 | 415, message: string, unread: boolean): JsonBody {
  return { kind: 'rejected', status, message, unread };
}

function tooLarge(maxBytes: number, unread: boolean): JsonBody {
  return rejected(413, `request body is larger than ${maxBytes} bytes`, unread);
}

/** Resolves with the body as text, or undefined once it grows past maxBytes (reading then stops). */
function readText(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Reads the rest of a refused body to nowhere, up to DISCARD_LIMIT_BYTES (none at all if the
 * client declared more). Resolves with whether some of it is still unread.
 */
function discardRest(req: IncomingMessage, declared: number): Promise<boolean> {
  req.on('error', () => undefined);
  if (req.readableEnded) return Promise.resolve(false);
  if (declared > DISCARD_LIMIT_BYTES) return Promise.resolve(true);
  return new Promise((resolve) => {
    let discarded = 0;
    const finish = (unread: boolean): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(unread);
    };
    const onData = (chunk: Buffer): void => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) finish(true);
    };
    const onEnd = (): void => finish(false);
    const onClose = (): void => finish(!req.complete);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.resume();
  });
}
