/**
 * The knowledge as said in another of its languages: the same facts, sources and sentences, with
 * that language's bot texts, entity names, intent examples, labels, replies and answer templates.
 * Facts with no statement in the language are quoted in the sources' words, after a short lead-in.
 * What a translation leaves out stays as it is in the sources' language.
 */
import { fill, unquoted } from './compose';
import type { AnswerPart, Entity, Fact, IntentDef, IntentTranslation, KnowledgeData, Translation } from './schema';

function localEntity(entity: Entity, translation: Translation): Entity {
  const local = translation.entities[entity.id];
  if (!local) return entity;
  const name = local.name ?? entity.name;
  // The sources' name stays an alias: the sentences are found by it.
  const aliases = [...new Set([...(name !== entity.name ? [entity.name] : []), ...(entity.aliases ?? []), ...local.aliases])];
  return { ...entity, name, aliases };
}

function localFact(fact: Fact, translation: Translation): Fact {
  const statement = translation.statements[fact.id] ?? fill(translation.bot.quotedFact ?? '“{quote}”', { quote: unquoted(fact.quote) });
  return { ...fact, statement };
}

/** Parts keep their relations; wording comes from the translation, and a part it gives no template is stated fact by fact. */
function localParts(parts: readonly AnswerPart[], local: IntentTranslation | undefined): AnswerPart[] {
  return parts.map((part, i) => {
    const { template: _template, item: _item, yes: _yes, no: _no, ...shape } = part;
    return { ...shape, ...(local?.answer?.[i] ?? {}) };
  });
}

function localIntent(intent: IntentDef, translation: Translation): IntentDef {
  const local = translation.intents[intent.id];
  const common = {
    examples: local?.examples ?? [],
    ...(local?.label ?? intent.label ? { label: local?.label ?? intent.label } : {}),
    // Follow-ups are offered only in the conversation's language; without them, the starter questions.
    ...(local?.followUps ? { followUps: local.followUps } : {}),
  };
  const { followUps: _followUps, ...rest } = intent;
  switch (intent.kind) {
    case 'facts': {
      const { clarify: _clarify, ...facts } = rest as typeof intent;
      return { ...facts, ...common, answer: localParts(intent.answer, local), ...(local?.clarify ? { clarify: local.clarify } : {}) };
    }
    case 'smalltalk':
      return { ...rest, ...common, kind: 'smalltalk', reply: local?.reply ?? intent.reply };
    default:
      return { ...rest, ...common } as IntentDef;
  }
}

/** The knowledge in one of its other languages; the data itself for the sources' language. */
export function localize(data: KnowledgeData, language: string): KnowledgeData {
  const translation = data.translations?.[language];
  if (!translation) return data;
  return {
    ...data,
    language,
    bot: translation.bot,
    entities: data.entities.map((e) => localEntity(e, translation)),
    facts: data.facts.map((f) => localFact(f, translation)),
    intents: data.intents.map((i) => localIntent(i, translation)),
  };
}

/** Entities as the language's understanding recognises them (for training and at load). */
export function localEntities(entities: readonly Entity[], translation: Translation | undefined): Entity[] {
  return translation ? entities.map((e) => localEntity(e, translation)) : [...entities];
}
