/**
 * Renders markdown the way Web Chat does (its own markdown-it, with the options of its
 * renderMarkdown: HTML on, bare addresses linked, typographer), without a browser. Web Chat then
 * sanitises the HTML; what is checked here is what reaches that step.
 */
import path from 'node:path';

interface MarkdownIt {
  render(markdown: string): string;
}

const webChatDir = path.dirname(require.resolve('botframework-webchat'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownItClass = require(require.resolve('markdown-it', { paths: [webChatDir] })) as new (options: object) => MarkdownIt;

const renderer = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

export function renderLikeWebChat(markdown: string): string {
  return renderer.render(markdown);
}
