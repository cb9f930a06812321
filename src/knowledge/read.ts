/**
 * Reads and checks the maintainer's files in a knowledge folder. Every problem is reported with
 * the file and the entry at fault; nothing half-checked reaches the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { containsQuote, parseSource, type ParsedSource } from './sources';
import { answerParts, KnowledgeError, unreachable, type AnswerPart, type BotTexts, type Entity, type Fact, type IntentDef, type RelationDef, type Translation } from './schema';
import { checkTranslations, readLanguages, readTranslation, TRANSLATED_FILE } from './translations';

export interface KnowledgeFiles {
  readonly bot: BotTexts;
  readonly sources: readonly ParsedSource[];
  readonly entities: readonly Entity[];
  readonly relations: readonly RelationDef[];
  readonly facts: readonly Fact[];
  readonly intents: readonly IntentDef[];
  /** The languages answered in, the sources' own first. */
  readonly languages: readonly string[];
  /** The other languages' texts (knowledge/*.LANG.yaml), by language. */
  readonly translations: Readonly<Record<string, Translation>>;
}

/** The files a build depends on, for staleness checks and the content hash. */
export function knowledgeInputs(dir: string): string[] {
  const sourcesDir = path.join(dir, 'sources');
  const sources = fs.existsSync(sourcesDir)
    ? fs.readdirSync(sourcesDir).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(sourcesDir, f))
    : [];
  const translated = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => TRANSLATED_FILE.test(f)).sort().map((f) => path.join(dir, f)) : [];
  return [...['bot.yaml', 'entities.yaml', 'facts.yaml', 'intents.yaml'].map((f) => path.join(dir, f)), ...translated, ...sources];
}

/** Curation files are optional: a knowledge base can be documents and bot.yaml alone. */
const OPTIONAL_FILES = new Set(['entities.yaml', 'facts.yaml', 'intents.yaml']);

export function readYaml(dir: string, file: string, optional = OPTIONAL_FILES.has(file)): Record<string, unknown> {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    if (optional) return {};
    throw new KnowledgeError(`${file}: missing (expected at ${full})`);
  }
  try {
    const parsed: unknown = YAML.parse(fs.readFileSync(full, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new KnowledgeError(`${file}: expected a mapping at the top`);
    return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof KnowledgeError) throw error;
    throw new KnowledgeError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
}

/** Field checks that name where they failed. */
export class Checker {
  constructor(private readonly where: string) {}
  fail(message: string): never {
    throw new KnowledgeError(`${this.where}: ${message}`);
  }
  string(entry: Record<string, unknown>, key: string): string {
    const value = entry[key];
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || !value.trim()) this.fail(`"${key}" must be a non-empty text`);
    return value.trim();
  }
  optionalString(entry: Record<string, unknown>, key: string): string | undefined {
    return entry[key] === undefined || entry[key] === null ? undefined : this.string(entry, key);
  }
  strings(entry: Record<string, unknown>, key: string, required = false): string[] {
    const value = entry[key];
    if (value === undefined || value === null) {
      if (required) this.fail(`"${key}" is required`);
      return [];
    }
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' && typeof item !== 'number')) this.fail(`"${key}" must be a list of texts`);
    return list.map((item) => String(item).trim()).filter(Boolean);
  }
  list(entry: Record<string, unknown>, key: string): Record<string, unknown>[] {
    const value = entry[key] ?? [];
    if (!Array.isArray(value) || value.some((item) => !item || typeof item !== 'object')) this.fail(`"${key}" must be a list of entries`);
    return value as Record<string, unknown>[];
  }
}

const ID = /^[A-Za-z0-9][\w.-]*$/;

export function entryId(file: string, entry: Record<string, unknown>, index: number): string {
  const id = entry.id;
  if (typeof id !== 'string' || !ID.test(id)) throw new KnowledgeError(`${file}: entry ${index + 1} needs an "id" (letters, digits, - _ .)`);
  return id;
}

function unique<T extends { id: string }>(file: string, items: T[]): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new KnowledgeError(`${file}: "${item.id}" is defined twice`);
    seen.add(item.id);
  }
  return items;
}

const OPTIONAL_BOT_TEXTS = ['languageName', 'unsupportedLanguage', 'and', 'sourcesLabel', 'quotedFact'] as const;

export function readBot(dir: string, file = 'bot.yaml'): BotTexts {
  const raw = readYaml(dir, file, false);
  const check = new Checker(file);
  const keys = ['name', 'welcome', 'unknown', 'suggestionsIntro', 'sourceLabel', 'quotedNote', 'yes', 'no', 'didYouMean', 'noneOfTheAbove', 'searchIntro', 'accordingTo', 'clarifyChoices', 'empty', 'tooLong', 'noFacts', 'nothingElse', 'aboutTopic', 'unknownThing', 'provenance', 'saidBy', 'noProvenance', 'notUnderstood'] as const;
  const texts = Object.fromEntries(keys.map((key) => [key, check.string(raw, key)])) as Record<(typeof keys)[number], string>;
  const optional = Object.fromEntries(OPTIONAL_BOT_TEXTS.flatMap((key) => {
    const value = check.optionalString(raw, key);
    return value === undefined ? [] : [[key, value]];
  }));
  return { ...texts, ...optional, starterQuestions: check.strings(raw, 'starterQuestions', true) };
}

function readEntities(dir: string): Entity[] {
  const file = 'entities.yaml';
  const entries = new Checker(file).list(readYaml(dir, file), 'entities');
  return unique(file, entries.map((entry, i) => {
    const id = entryId(file, entry, i);
    const check = new Checker(`${file}: entity "${id}"`);
    const description = check.optionalString(entry, 'description');
    return { id, type: check.string(entry, 'type'), name: check.string(entry, 'name'), aliases: check.strings(entry, 'aliases'), ...(description ? { description } : {}) };
  }));
}

function readFacts(dir: string): { relations: RelationDef[]; facts: Fact[] } {
  const file = 'facts.yaml';
  const raw = readYaml(dir, file);
  const top = new Checker(file);
  const relations = unique(file, top.list(raw, 'relations').map((entry, i) => ({
    id: entryId(file, entry, i),
    single: entry.single === true,
    transitive: entry.transitive === true,
  })));
  const facts = unique(file, top.list(raw, 'facts').map((entry, i): Fact => {
    const id = entryId(file, entry, i);
    const check = new Checker(`${file}: fact "${id}"`);
    const object = check.optionalString(entry, 'object');
    const value = check.optionalString(entry, 'value');
    if ((object === undefined) === (value === undefined)) check.fail('needs exactly one of "object" (an entity id) or "value"');
    const statement = check.optionalString(entry, 'statement');
    const supersededBy = check.strings(entry, 'supersededBy');
    const saidBy = check.optionalString(entry, 'saidBy');
    return {
      id,
      subject: check.string(entry, 'subject'),
      relation: check.string(entry, 'relation'),
      ...(object !== undefined ? { object } : { value: value! }),
      source: check.string(entry, 'source'),
      quote: check.string(entry, 'quote'),
      ...(statement ? { statement } : {}),
      ...(supersededBy.length ? { supersededBy } : {}),
      ...(saidBy ? { saidBy } : {}),
    };
  }));
  return { relations, facts };
}

function readAnswerPart(check: Checker, entry: Record<string, unknown>): AnswerPart {
  const about = check.strings(entry, 'about', true);
  const direction = entry.direction ?? 'out';
  if (direction !== 'out' && direction !== 'in') check.fail('"direction" must be "out" or "in"');
  const template = check.optionalString(entry, 'template');
  const item = check.optionalString(entry, 'item');
  const objectType = check.optionalString(entry, 'objectType');
  if (entry.yesNo !== undefined && typeof entry.yesNo !== 'boolean') check.fail('"yesNo" must be true or false');
  const yes = check.optionalString(entry, 'yes');
  const no = check.optionalString(entry, 'no');
  return {
    about,
    relation: check.string(entry, 'relation'),
    direction,
    ...(template ? { template } : {}),
    ...(item ? { item } : {}),
    ...(objectType ? { objectType } : {}),
    ...(entry.yesNo === false ? { yesNo: false } : {}),
    ...(yes ? { yes } : {}),
    ...(no ? { no } : {}),
  };
}

const INTENT_KINDS = ['facts', 'smalltalk', 'faq', 'none', 'provenance'] as const;

/** The kind an intent is written as: said outright, or told by what it has (answer, reply, an FAQ id). */
function intentKind(check: Checker, id: string, entry: Record<string, unknown>): IntentDef['kind'] {
  const said = entry.kind;
  if (said !== undefined && !INTENT_KINDS.includes(said as never)) check.fail(`"kind" must be one of ${INTENT_KINDS.join(', ')}`);
  if (entry.answer !== undefined && entry.reply !== undefined) check.fail('has both an "answer" and a "reply": give one');
  const kind = (said as IntentDef['kind'] | undefined) ?? (entry.answer !== undefined ? 'facts' : entry.reply !== undefined ? 'smalltalk' : id.startsWith('faq.') ? 'faq' : undefined);
  if (!kind) check.fail('needs an "answer", a "reply", or a kind (none, provenance)');
  if (kind === 'facts' && entry.answer === undefined) check.fail('answers from facts but has no "answer"');
  if (kind === 'smalltalk' && entry.reply === undefined) check.fail('is small talk but has no "reply"');
  if (kind !== 'facts' && entry.answer !== undefined) check.fail(`is "${kind}" and cannot have an "answer"`);
  if (kind === 'faq' && !id.startsWith('faq.')) check.fail('is "faq" but its id is not an FAQ id (faq.<slug>)');
  return kind;
}

function readIntents(dir: string): IntentDef[] {
  const file = 'intents.yaml';
  const entries = new Checker(file).list(readYaml(dir, file), 'intents');
  return unique(file, entries.map((entry, i): IntentDef => {
    const id = entryId(file, entry, i);
    const check = new Checker(`${file}: intent "${id}"`);
    const kind = intentKind(check, id, entry);
    const label = check.optionalString(entry, 'label');
    const followUps = check.strings(entry, 'followUps');
    const common = {
      id,
      examples: check.strings(entry, 'examples'),
      ...(followUps.length ? { followUps } : {}),
      ...(label ? { label } : {}),
    };
    switch (kind) {
      case 'facts': {
        const clarify = check.optionalString(entry, 'clarify');
        const faq = check.strings(entry, 'faq');
        const answer = check.list(entry, 'answer').map((part) => readAnswerPart(check, part));
        return { ...common, kind, answer, ...(clarify ? { clarify } : {}), ...(faq.length ? { faq } : {}) };
      }
      case 'smalltalk':
        return { ...common, kind, reply: check.strings(entry, 'reply', true) };
      case 'faq':
        return { ...common, kind, faqItem: id };
      case 'none':
      case 'provenance':
        return { ...common, kind };
      default:
        return unreachable(kind);
    }
  }));
}

function readSources(dir: string): ParsedSource[] {
  const sourcesDir = path.join(dir, 'sources');
  if (!fs.existsSync(sourcesDir)) throw new KnowledgeError(`sources/: missing (expected at ${sourcesDir})`);
  const sources = fs.readdirSync(sourcesDir).filter((f) => f.endsWith('.md')).sort()
    .map((f) => parseSource(fs.readFileSync(path.join(sourcesDir, f), 'utf8'), f));
  if (sources.length === 0) throw new KnowledgeError('sources/: no .md documents');
  const seen = new Set<string>();
  for (const source of sources) {
    if (seen.has(source.meta.id)) throw new KnowledgeError(`sources/: the id "${source.meta.id}" is used by two documents`);
    seen.add(source.meta.id);
  }
  return sources;
}

/** Cross-references: every id a fact or intent names exists, and every quote is in its source. */
function checkReferences(files: KnowledgeFiles): void {
  const entities = new Set(files.entities.map((e) => e.id));
  const types = new Set(files.entities.map((e) => e.type));
  const relations = new Set(files.relations.map((r) => r.id));
  const facts = new Set(files.facts.map((f) => f.id));
  const sources = new Map(files.sources.map((s) => [s.meta.id, s]));
  for (const fact of files.facts) {
    const where = `facts.yaml: fact "${fact.id}"`;
    if (!entities.has(fact.subject)) throw new KnowledgeError(`${where}: subject "${fact.subject}" is not in entities.yaml`);
    if (fact.object !== undefined && !entities.has(fact.object)) throw new KnowledgeError(`${where}: object "${fact.object}" is not in entities.yaml`);
    if (!relations.has(fact.relation)) throw new KnowledgeError(`${where}: relation "${fact.relation}" is not declared under relations:`);
    const source = sources.get(fact.source);
    if (!source) throw new KnowledgeError(`${where}: source "${fact.source}" is not a document in sources/`);
    if (!containsQuote(source, fact.quote)) throw new KnowledgeError(`${where}: quote not found in source "${fact.source}": “${fact.quote}”`);
    if (fact.saidBy !== undefined && !entities.has(fact.saidBy)) throw new KnowledgeError(`${where}: saidBy "${fact.saidBy}" is not in entities.yaml`);
    for (const other of fact.supersededBy ?? []) {
      if (!facts.has(other)) throw new KnowledgeError(`${where}: supersededBy "${other}" is not a fact`);
    }
  }
  for (const intent of files.intents) {
    const where = `intents.yaml: intent "${intent.id}"`;
    for (const part of answerParts(intent)) {
      for (const type of [part.about].flat()) {
        if (!types.has(type)) throw new KnowledgeError(`${where}: no entity has the type "${type}"`);
      }
      if (part.objectType && !types.has(part.objectType)) throw new KnowledgeError(`${where}: no entity has the type "${part.objectType}"`);
      if (!relations.has(part.relation)) throw new KnowledgeError(`${where}: relation "${part.relation}" is not declared in facts.yaml`);
    }
  }
}

export function readKnowledge(dir: string): KnowledgeFiles {
  if (!fs.existsSync(dir)) throw new KnowledgeError(`knowledge folder not found: ${dir}`);
  const { relations, facts } = readFacts(dir);
  const languages = readLanguages(readYaml(dir, 'bot.yaml', false));
  const translations = Object.fromEntries(languages.slice(1).map((language) => [language, readTranslation(dir, language)]));
  const files = { bot: readBot(dir), sources: readSources(dir), entities: readEntities(dir), relations, facts, intents: readIntents(dir), languages, translations };
  checkReferences(files);
  checkTranslations(files);
  return files;
}
