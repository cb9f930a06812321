import fs from 'node:fs';
import path from 'node:path';

/** The answering engine must not depend on the bot SDK or the dialogs (it can move to another SDK). */
test.each(['src/nlu', 'src/knowledge', 'src/answering', 'src/feedback'])('%s imports nothing from botbuilder, restify or dialogs/', (dir) => {
  const root = path.resolve(__dirname, '../..', dir);
  const offending = fs
    .readdirSync(root)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => {
      const imports = [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      return imports.filter((i) => /^(botbuilder|restify)/.test(i) || i.includes('dialogs/') || i.includes('/bot')).map((i) => `${f}: ${i}`);
    });
  expect(offending).toEqual([]);
});
