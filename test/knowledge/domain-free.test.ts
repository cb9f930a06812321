import fs from 'node:fs';
import path from 'node:path';
import { readKnowledge } from '../../src/knowledge/read';
import { isEnglishWord } from '../../src/nlu/dictionary';
import { PRODUCT_KNOWLEDGE } from '../support/knowledge';

/** Every file of the engine: the knowledge's names must not appear in any of them (capitalised, as names are written). */
function engineFiles(): string[] {
  const root = path.resolve(__dirname, '../..');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : /\.(ts|js)$/.test(entry.name) ? [full] : [];
    });
  return [...walk(path.join(root, 'src')), ...walk(path.join(root, 'dialogs'))];
}

test('the engine (src/, dialogs/) names nothing from the knowledge base', () => {
  const { entities } = readKnowledge(PRODUCT_KNOWLEDGE);
  const names = [...new Set(entities.flatMap((e) => [e.name, ...(e.aliases ?? [])]).flatMap((n) => n.split(/[\s’']+/)))]
    .filter((word) => word.length >= 3 && /^\p{Lu}/u.test(word) && !isEnglishWord(word.toLowerCase()));
  expect(names.length).toBeGreaterThan(10);
  const pattern = new RegExp(`\\b(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`);
  const hits = engineFiles().flatMap((file) =>
    fs.readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (pattern.test(line) ? [`${path.basename(file)}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(hits).toEqual([]);
});
