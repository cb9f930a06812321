/**
 * The knowledge base's other languages: bot.yaml declares them (`languages: [en, it]`, the
 * sources' own first), and for each other one the folder holds bot.LANG.yaml (every text the bot
 * says), intents.LANG.yaml (examples, labels, answer templates, replies), and optionally
 * entities.LANG.yaml (names and aliases) and facts.LANG.yaml (statements). Read and checked here.
 */
import { KNOWN_LANGUAGES } from '../nlu/languages';
import { Checker, entryId, readBot, readYaml, type KnowledgeFiles } from './read';
import { answerParts, KnowledgeError, type EntityTranslation, type IntentTranslation, type PartTranslation, type Translation } from './schema';

/** Files of another language: bot.it.yaml, intents.it.yaml… */
export const TRANSLATED_FILE = /^(?:bot|intents|entities|facts)\.[a-z]{2,3}\.yaml$/;

/** The declared languages (default: English only), each one the understanding has a module for. */
export function readLanguages(bot: Record<string, unknown>): string[] {
  const languages = new Checker('bot.yaml').strings(bot, 'languages');
  if (languages.length === 0) return ['en'];
  for (const code of languages) {
    if (!KNOWN_LANGUAGES.includes(code)) throw new KnowledgeError(`bot.yaml: language "${code}" is not one the bot can read (${KNOWN_LANGUAGES.join(', ')})`);
  }
  if (new Set(languages).size !== languages.length) throw new KnowledgeError('bot.yaml: a language is declared twice');
  return languages;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function readIntentTranslations(dir: string, language: string): Record<string, IntentTranslation> {
  const file = `intents.${language}.yaml`;
  const entries = new Checker(file).list(readYaml(dir, file, false), 'intents');
  const out: Record<string, IntentTranslation> = {};
  entries.forEach((entry, i) => {
    const id = entryId(file, entry, i);
    if (out[id]) throw new KnowledgeError(`${file}: "${id}" is defined twice`);
    const check = new Checker(`${file}: intent "${id}"`);
    const followUps = check.strings(entry, 'followUps');
    const reply = check.strings(entry, 'reply');
    const answer = check.list(entry, 'answer').map((part): PartTranslation => ({
      ...optional('template', check.optionalString(part, 'template')),
      ...optional('item', check.optionalString(part, 'item')),
      ...optional('yes', check.optionalString(part, 'yes')),
      ...optional('no', check.optionalString(part, 'no')),
    }));
    out[id] = {
      examples: check.strings(entry, 'examples'),
      ...optional('label', check.optionalString(entry, 'label')),
      ...optional('clarify', check.optionalString(entry, 'clarify')),
      ...(followUps.length ? { followUps } : {}),
      ...(reply.length ? { reply } : {}),
      ...(answer.length ? { answer } : {}),
    };
  });
  return out;
}

function readEntityTranslations(dir: string, language: string): Record<string, EntityTranslation> {
  const file = `entities.${language}.yaml`;
  const entries = new Checker(file).list(readYaml(dir, file, true), 'entities');
  return Object.fromEntries(entries.map((entry, i) => {
    const id = entryId(file, entry, i);
    const check = new Checker(`${file}: entity "${id}"`);
    return [id, { ...optional('name', check.optionalString(entry, 'name')), aliases: check.strings(entry, 'aliases') }];
  }));
}

function readStatements(dir: string, language: string): Record<string, string> {
  const file = `facts.${language}.yaml`;
  const raw = readYaml(dir, file, true);
  const statements = raw.statements ?? {};
  if (typeof statements !== 'object' || Array.isArray(statements)) throw new KnowledgeError(`${file}: "statements" must map fact ids to texts`);
  const check = new Checker(`${file}: statements`);
  return Object.fromEntries(Object.keys(statements).map((id) => [id, check.string(statements as Record<string, unknown>, id)]));
}

export function readTranslation(dir: string, language: string): Translation {
  return {
    bot: readBot(dir, `bot.${language}.yaml`),
    intents: readIntentTranslations(dir, language),
    entities: readEntityTranslations(dir, language),
    statements: readStatements(dir, language),
  };
}

/** Every id a translation names exists, and no intent has more translated answer parts than parts. */
export function checkTranslations(files: KnowledgeFiles): void {
  const intents = new Map(files.intents.map((i) => [i.id, i]));
  const faqIds = new Set(files.sources.flatMap((s) => s.faq.map((f) => f.id)));
  const entities = new Set(files.entities.map((e) => e.id));
  const facts = new Set(files.facts.map((f) => f.id));
  for (const [language, translation] of Object.entries(files.translations)) {
    for (const [id, intent] of Object.entries(translation.intents)) {
      const where = `intents.${language}.yaml: intent "${id}"`;
      const original = intents.get(id);
      if (!original && !faqIds.has(id)) throw new KnowledgeError(`${where}: no such intent in intents.yaml, nor FAQ entry in the sources`);
      if (original && (intent.answer?.length ?? 0) > answerParts(original).length) throw new KnowledgeError(`${where}: more answer parts than intents.yaml gives it`);
    }
    for (const id of Object.keys(translation.entities)) {
      if (!entities.has(id)) throw new KnowledgeError(`entities.${language}.yaml: "${id}" is not in entities.yaml`);
    }
    for (const id of Object.keys(translation.statements)) {
      if (!facts.has(id)) throw new KnowledgeError(`facts.${language}.yaml: "${id}" is not a fact in facts.yaml`);
    }
  }
}
