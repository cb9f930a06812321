import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface AssetSpec {
  readonly file: string;
  readonly type: string;
  readonly cacheControl: string;
  /** Extra response headers (security policy, CORS). */
  readonly headers?: Readonly<Record<string, string>>;
}

interface LoadedAsset {
  readonly spec: AssetSpec;
  readonly body: Buffer;
  readonly gzipped: Buffer | undefined;
  readonly etag: string;
}

/** Text smaller than this is not worth compressing. */
const GZIP_THRESHOLD = 1024;

/** The folder holding the web pages: "public" next to the package root, from src/ or dist/src/. */
export function findPublicDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'public'))) return path.join(dir, 'public');
    if (path.dirname(dir) === dir) throw new Error(`no public/ folder found above ${from}`);
  }
}

/** Web Chat's browser bundle, served by this server so that no CDN is involved. */
export function webChatBundlePath(): string {
  // The package's exports hide dist/, so resolve its entry point and step across.
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** Static files by URL path, read once on first use and kept (with a gzip copy) in memory. */
export class AssetCatalog {
  private readonly loaded = new Map<string, Promise<LoadedAsset>>();

  constructor(private readonly specs: ReadonlyMap<string, AssetSpec>) {}

  paths(): string[] {
    return [...this.specs.keys()];
  }

  async send(urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const asset = await this.load(urlPath);
    const common = { ...asset.spec.headers, 'Cache-Control': asset.spec.cacheControl, ETag: asset.etag, Vary: 'Accept-Encoding' };
    if (req.headers['if-none-match'] === asset.etag) {
      res.writeHead(304, common);
      res.end();
      return;
    }
    const gzip = asset.gzipped !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip && asset.gzipped ? asset.gzipped : asset.body;
    res.writeHead(200, {
      ...common,
      'Content-Type': asset.spec.type,
      'Content-Length': String(body.length),
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private load(urlPath: string): Promise<LoadedAsset> {
    const spec = this.specs.get(urlPath);
    if (!spec) return Promise.reject(new Error(`no asset for ${urlPath}`));
    let asset = this.loaded.get(urlPath);
    if (!asset) {
      asset = readAsset(spec);
      // A failed read is retried on the next request rather than cached.
      asset.catch(() => this.loaded.delete(urlPath));
      this.loaded.set(urlPath, asset);
    }
    return asset;
  }
}

async function readAsset(spec: AssetSpec): Promise<LoadedAsset> {
  const body = await readFile(spec.file);
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const gzipped = body.length >= GZIP_THRESHOLD ? gzipSync(body) : undefined;
  return { spec, body, gzipped, etag };
}
