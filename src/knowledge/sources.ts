/**
 * Reads a source document (markdown with front matter) into its sentences and FAQ entries.
 * Sentences are kept verbatim; markdown syntax (heading marks, table pipes, quote marks) is not part
 * of them.
 */
import YAML from 'yaml';
import { normalize } from '../nlu/text';
import { KnowledgeError, type FaqItem, type Sentence, type SourceMeta } from './schema';

export interface ParsedSource {
  readonly meta: SourceMeta;
  /** The text without markdown syntax, whitespace collapsed: what quotes are checked against. */
  readonly plainText: string;
  readonly sentences: readonly Sentence[];
  readonly faq: readonly FaqItem[];
}

interface Block {
  readonly kind: 'heading' | 'paragraph' | 'row';
  readonly text: string;
  /** A table row's cells, and the header's cells of its table. */
  readonly cells?: readonly string[];
  readonly columns?: readonly string[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = /(?:\b(?:mr|mrs|ms|dr|st|vs|etc|inc|ltd|co|jr|sr|no|e\.g|i\.e)|\b[A-Z](?:\.[A-Z])*)\.$/i;

export function slug(text: string): string {
  return normalize(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let header: string[] | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ').replace(/\s+/g, ' ').trim() });
    paragraph = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flush();
      header = undefined;
    } else if (/^#{1,6}\s/.test(line)) {
      flush();
      blocks.push({ kind: 'heading', text: line.replace(/^#+\s*/, '') });
    } else if (line.startsWith('|')) {
      flush();
      if (/^\|[\s|:-]+\|$/.test(line)) {
        const above = blocks.at(-1);
        if (above?.kind === 'row') {
          blocks.pop(); // the row above the separator is the header
          header = [...(above.cells ?? [])];
        }
        continue;
      }
      const cells = line.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()).filter(Boolean);
      blocks.push({ kind: 'row', text: cells.join(' '), cells, ...(header ? { columns: header } : {}) });
    } else {
      header = undefined;
      paragraph.push(line.replace(/^>\s*/, ''));
    }
  }
  flush();
  return blocks;
}

/** Splits a paragraph into sentences at ., ! or ? followed by a capitalised word. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const boundary = /([.!?…]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  for (const match of paragraph.matchAll(boundary)) {
    const end = match.index! + match[1]!.length;
    const candidate = paragraph.slice(start, end);
    if (ABBREVIATIONS.test(candidate.replace(/["”’)]$/, ''))) continue;
    sentences.push(candidate.trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** The 1-based line of the front matter where a key is written (for error messages). */
function lineOf(frontText: string, key: string): number {
  const index = frontText.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 2;
}

function metaOf(front: unknown, fileName: string, frontText: string): SourceMeta {
  const at = (key: string) => `sources/${fileName}:${lineOf(frontText, key)}`;
  const where = `sources/${fileName}:1`;
  if (!front || typeof front !== 'object') throw new KnowledgeError(`${where}: missing front matter (--- id, title, date ---)`);
  const { id, title, date, url } = front as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new KnowledgeError(`${at('id')}: front matter needs an "id" of lower-case letters, digits and dashes`);
  if (typeof title !== 'string' || !title.trim()) throw new KnowledgeError(`${at('title')}: front matter needs a "title"`);
  if (date instanceof Date && !Number.isNaN(date.getTime())) return { id, title: title.trim(), date: date.toISOString().slice(0, 10), ...(typeof url === 'string' ? { url } : {}) };
  if (typeof date !== 'string' && typeof date !== 'number') throw new KnowledgeError(`${at('date')}: front matter needs a "date" (a year, a date such as 2025-03-14, or "undated")`);
  if (String(date) !== 'undated' && !/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(String(date))) throw new KnowledgeError(`${at('date')}: "date" must be a year, a date such as 2025-03-14, or "undated" (got "${String(date)}")`);
  return { id, title: title.trim(), date: String(date), ...(typeof url === 'string' ? { url } : {}) };
}

export function parseSource(fileText: string, fileName: string): ParsedSource {
  if (!fileText.trim()) throw new KnowledgeError(`sources/${fileName}:1: the file is empty; a source needs front matter (--- id, title, date ---) and text`);
  const front = FRONT_MATTER.exec(fileText);
  if (!front) throw new KnowledgeError(`sources/${fileName}:1: missing front matter: the file must start with a line "---", then id, title and date, then "---"`);
  let parsed: unknown;
  try {
    parsed = YAML.parse(front[1]!);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 0;
    throw new KnowledgeError(`sources/${fileName}:${line + 1}: front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const meta = metaOf(parsed, fileName, front[1]!);
  const blocks = blocksOf(fileText.slice(front[0].length));
  if (!blocks.some((block) => block.kind !== 'heading')) throw new KnowledgeError(`sources/${fileName}:${front[0].split('\n').length}: no text after the front matter`);
  const sentences: Sentence[] = [];
  const faq: FaqItem[] = [];
  let section: string | undefined;
  blocks.forEach((block, i) => {
    if (block.kind === 'heading') {
      section = block.text;
      const next = blocks[i + 1];
      if (block.text.endsWith('?') && next?.kind === 'paragraph') {
        faq.push({ id: `faq.${slug(block.text)}`, source: meta.id, question: block.text, answer: next.text });
      }
      return;
    }
    const texts = block.kind === 'row' ? [block.text] : splitSentences(block.text);
    const table = block.cells ? { cells: block.cells, ...(block.columns ? { columns: block.columns } : {}) } : {};
    for (const text of texts) {
      sentences.push({ id: `${meta.id}#${sentences.length + 1}`, source: meta.id, text, ...(section ? { section } : {}), ...table });
    }
  });
  const plainText = blocks.map((block) => block.text).join(' ').replace(/\s+/g, ' ');
  return { meta, plainText, sentences, faq };
}

/** Whether a quote appears in a source, ignoring differences of whitespace only. */
export function containsQuote(source: ParsedSource, quote: string): boolean {
  const wanted = quote.replace(/\s+/g, ' ').trim();
  return wanted.length > 0 && source.plainText.includes(wanted);
}
