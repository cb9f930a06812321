import path from 'node:path';
import type { Config } from '../config.js';
import { AssetCatalog, findPublicDir, webChatBundlePath, type AssetSpec } from './webAssets.js';
import { allowedOriginList } from './origins.js';
import { PAGE_PERMISSIONS, chatPagePolicy, demoPagePolicy } from './securityHeaders.js';

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Pages are small and change with each release: always revalidate (the ETag makes that cheap). */
const REVALIDATE = 'no-cache';
/** Host sites load embed.js on every page view; a few minutes of caching spares the server. */
const SHORT = 'public, max-age=300';
const DAY = 'public, max-age=86400';

/**
 * The web channel's files: the chat page (standalone, and inside the widget's iframe), the
 * widget loader for host sites, the demo dealer site, and Web Chat's own bundle.
 */
export function createWebPages(config: Config, publicDir: string = findPublicDir()): AssetCatalog {
  const file = (name: string): string => path.join(publicDir, name);
  const chatPage: AssetSpec = {
    file: file('chat.html'),
    type: HTML,
    cacheControl: REVALIDATE,
    headers: {
      'Content-Security-Policy': chatPagePolicy(allowedOriginList(config.allowedOrigins), config.directLineSecret ? config.directLineEndpoint : undefined),
      'Permissions-Policy': PAGE_PERMISSIONS,
    },
  };
  const demoPage: AssetSpec = {
    file: file('demo.html'),
    type: HTML,
    cacheControl: REVALIDATE,
    headers: { 'Content-Security-Policy': demoPagePolicy(), 'Permissions-Policy': PAGE_PERMISSIONS },
  };
  return new AssetCatalog(
    new Map<string, AssetSpec>([
      ['/', chatPage],
      ['/chat', chatPage],
      ['/demo', demoPage],
      // Loaded by other sites' pages: readable cross-origin by design.
      ['/embed.js', { file: file('embed.js'), type: JS, cacheControl: SHORT, headers: { 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*' } }],
      ['/chat.js', { file: file('chat.js'), type: JS, cacheControl: REVALIDATE }],
      ['/chat.css', { file: file('chat.css'), type: CSS, cacheControl: REVALIDATE }],
      ['/demo.css', { file: file('demo.css'), type: CSS, cacheControl: REVALIDATE }],
      ['/favicon.svg', { file: file('favicon.svg'), type: 'image/svg+xml', cacheControl: DAY }],
      ['/webchat.js', { file: webChatBundlePath(), type: JS, cacheControl: DAY }],
    ]),
  );
}
