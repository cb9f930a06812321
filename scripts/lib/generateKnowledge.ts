/**
 * Writes a synthetic knowledge folder N times the size of a real one, for the growth benchmark.
 * Copy 0 is the real knowledge unchanged; copies 1…N-1 rename its entities (and the words of their
 * names) with generated words, and give ids, entity types and relations a per-copy suffix. The same
 * word replacement runs over sources, quotes, examples and templates, so every quote stays verbatim
 * in its source and each copy is a distinct, valid knowledge base of the same shape.
 * Small talk, "none" and provenance intents are not copied: a bigger knowledge base has one set.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { slug } from '../../src/knowledge/sources';
import { TRANSLATED_FILE } from '../../src/knowledge/translations';
import { nameWords, Renamer, WORD } from './bench/renaming';

type Entry = Record<string, unknown>;

export interface GeneratedKnowledge {
  readonly dir: string;
  readonly scale: number;
  readonly counts: { readonly sources: number; readonly entities: number; readonly facts: number; readonly intents: number; readonly examples: number };
  /** A text of the real knowledge (a question, say) as copy `copy` words it. */
  translate(text: string, copy: number): string;
}

function readYaml(dir: string, file: string): Entry {
  return YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Entry;
}

const list = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : []);
const strings = (value: unknown): string[] => (value === undefined || value === null ? [] : [value].flat().map(String));

interface Real {
  readonly bot: string;
  readonly entities: Entry[];
  readonly relations: Entry[];
  readonly facts: Entry[];
  readonly intents: Entry[];
  readonly sources: { readonly file: string; readonly front: Entry; readonly body: string }[];
}

function readReal(dir: string): Real {
  const facts = readYaml(dir, 'facts.yaml');
  const sourcesDir = path.join(dir, 'sources');
  const sources = fs.readdirSync(sourcesDir).filter((f) => f.endsWith('.md')).sort().map((file) => {
    const text = fs.readFileSync(path.join(sourcesDir, file), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
    if (!match) throw new Error(`${file}: no front matter`);
    return { file, front: YAML.parse(match[1]!) as Entry, body: text.slice(match[0].length) };
  });
  return {
    bot: fs.readFileSync(path.join(dir, 'bot.yaml'), 'utf8'),
    entities: list(readYaml(dir, 'entities.yaml').entities),
    relations: list(facts.relations),
    facts: list(facts.facts),
    intents: list(readYaml(dir, 'intents.yaml').intents),
    sources,
  };
}

/** One renamed copy of the real knowledge. */
function copyOf(real: Real, copy: number, rename: Renamer, faqHeadings: Map<string, string>) {
  const t = (text: unknown) => rename.text(String(text), copy);
  const id = (value: unknown) => `${String(value)}_g${copy}`;
  const sourceId = (value: unknown) => `${String(value)}-g${copy}`;
  const chains = (text: string) => text.replace(/\{chain:([\w.-]+)\}/g, (_m, rel: string) => `{chain:${id(rel)}}`);

  const entities = real.entities.map((e) => {
    const aliases = strings(e.aliases).filter((a) => t(a) !== a).map(t);
    const name = t(e.name) === e.name ? `${rename.marker(copy)} ${String(e.name)}` : t(e.name);
    return { ...e, id: id(e.id), type: id(e.type), name, ...(aliases.length ? { aliases } : { aliases: undefined }) };
  });
  const relations = real.relations.map((r) => ({ ...r, id: id(r.id) }));
  const facts = real.facts.map((f) => ({
    ...f,
    id: id(f.id),
    subject: id(f.subject),
    relation: id(f.relation),
    ...(f.object !== undefined ? { object: id(f.object) } : { value: t(f.value) }),
    source: sourceId(f.source),
    quote: t(f.quote),
    ...(f.statement !== undefined ? { statement: t(f.statement) } : {}),
    ...(f.supersededBy !== undefined ? { supersededBy: strings(f.supersededBy).map(id) } : {}),
    ...(f.saidBy !== undefined ? { saidBy: id(f.saidBy) } : {}),
  }));
  const intents = real.intents.filter((i) => i.kind === undefined).map((i) => {
    const faqId = String(i.id).startsWith('faq.') ? `faq.${slug(t(faqHeadings.get(String(i.id)) ?? i.id))}` : undefined;
    const parts = list(i.answer).map((p) => ({
      ...p,
      about: strings(p.about).map(id),
      relation: id(p.relation),
      ...(p.objectType !== undefined ? { objectType: id(p.objectType) } : {}),
      ...(p.template !== undefined ? { template: chains(t(p.template)) } : {}),
      ...(p.item !== undefined ? { item: chains(t(p.item)) } : {}),
    }));
    return {
      ...i,
      id: faqId ?? id(i.id),
      // An example the renaming leaves as it was would teach every copy the same thing.
      examples: strings(i.examples).filter((e) => t(e) !== e).map(t),
      ...(i.answer !== undefined ? { answer: parts } : {}),
      ...(i.label !== undefined ? { label: t(i.label) } : {}),
      ...(i.clarify !== undefined ? { clarify: t(i.clarify) } : {}),
      ...(i.faq !== undefined ? { faq: strings(i.faq).map(t) } : {}),
      ...(i.followUps !== undefined ? { followUps: strings(i.followUps).map(t) } : {}),
    };
  });
  const sources = real.sources.map((s) => ({
    file: s.file.replace(/\.md$/, `-g${copy}.md`),
    text: `---\n${YAML.stringify({ id: sourceId(s.front.id), title: t(s.front.title), date: String(s.front.date) }).trim()}\n---\n${t(s.body)}`,
  }));
  return { entities, relations, facts, intents, sources };
}

/** FAQ intent ids (faq.<slug>) → the source heading they were made from. */
function headingsBySlug(real: Real): Map<string, string> {
  const headings = new Map<string, string>();
  for (const source of real.sources) {
    for (const line of source.body.split(/\r?\n/)) {
      const heading = /^#{1,6}\s+(.*\?)\s*$/.exec(line.trim())?.[1];
      if (heading) headings.set(`faq.${slug(heading)}`, heading);
    }
  }
  return headings;
}

function realVocabulary(real: Real): Set<string> {
  const texts = [JSON.stringify(real.entities), JSON.stringify(real.facts), JSON.stringify(real.intents), ...real.sources.map((s) => s.body)];
  return new Set(texts.flatMap((text) => text.match(WORD) ?? []).map((w) => w.toLowerCase()));
}

const stripUndefined = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Writes `scale` copies of the knowledge in `from` to `to` (which is emptied first). */
export function generateKnowledge(from: string, to: string, scale: number): GeneratedKnowledge {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError('scale must be a whole number ≥ 1');
  const real = readReal(from);
  const { words, capsOnly } = nameWords(real.entities);
  const rename = new Renamer(words, capsOnly, realVocabulary(real));
  const faqHeadings = headingsBySlug(real);
  const all = { entities: [...real.entities], relations: [...real.relations], facts: [...real.facts], intents: [...real.intents] };

  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(path.join(to, 'sources'), { recursive: true });
  for (const source of real.sources) fs.copyFileSync(path.join(from, 'sources', source.file), path.join(to, 'sources', source.file));
  for (let copy = 1; copy < scale; copy++) {
    const generated = copyOf(real, copy, rename, faqHeadings);
    all.entities.push(...generated.entities);
    all.relations.push(...generated.relations);
    all.facts.push(...generated.facts);
    all.intents.push(...generated.intents);
    for (const source of generated.sources) fs.writeFileSync(path.join(to, 'sources', source.file), source.text);
  }
  fs.writeFileSync(path.join(to, 'bot.yaml'), real.bot);
  // The other languages as they are: they name only the real entities and intents, which the copy keeps.
  for (const file of fs.readdirSync(from).filter((f) => TRANSLATED_FILE.test(f))) fs.copyFileSync(path.join(from, file), path.join(to, file));
  const write = (file: string, value: unknown) => fs.writeFileSync(path.join(to, file), YAML.stringify(stripUndefined(value), { lineWidth: 0 }));
  write('entities.yaml', { entities: all.entities });
  write('facts.yaml', { relations: all.relations, facts: all.facts });
  write('intents.yaml', { intents: all.intents });

  return {
    dir: to,
    scale,
    counts: {
      sources: real.sources.length * scale,
      entities: all.entities.length,
      facts: all.facts.length,
      intents: all.intents.length,
      examples: all.intents.reduce((n, i) => n + strings(i.examples).length, 0),
    },
    translate: (text, copy) => rename.text(text, copy),
  };
}
