/**
 * Answers composed from facts: the subjects asked about (named, remembered, or the only one of
 * their type), yes/no verdicts, "what else", and a question back when the subject is missing.
 */
import { citationsOf, fill, joinList } from '../knowledge/compose';
import type { Entity, Fact, FactsIntent } from '../knowledge/schema';
import { languageModule } from '../nlu/languages';
import { MAX_REMEMBERED, type AnswerContext, type Resolved } from './context';
import { searchOrUnknown } from './documentAnswer';
import { traceOf } from './trace';
import type { ConversationMemory, Reply } from './types';

export function factAnswer(ctx: AnswerContext, intent: FactsIntent, resolved: Resolved, memory: ConversationMemory, given?: readonly Entity[]): Reply {
  const { analysis, question } = resolved;
  const words = analysis.tokens.map((t) => t.norm);
  const language = languageModule(analysis.language);
  const yesNo = language.isYesNo(words);
  const exclude = words.some((w) => language.elseWords.has(w)) ? memory.subjects ?? [] : [];
  const numbers = words.filter((w) => /^\d+$/.test(w));
  const texts: string[] = [];
  const facts: Fact[] = [];
  const subjects: Entity[] = [];
  const objects: Entity[] = [];
  let verdict: boolean | undefined;
  let verdictWords = { yes: ctx.texts.yes, no: ctx.texts.no };
  for (const part of intent.answer) {
    const types = [part.about].flat();
    const partSubjects = given?.filter((e) => types.includes(e.type)) ?? ctx.subjectsFor(types, analysis, memory);
    if (partSubjects.length === 0) {
      if (texts.length) continue;
      // Something named that this answer is not about (a model only a document mentions): the documents may say.
      if (analysis.entities.length > 0 && !given) {
        const fromDocuments = searchOrUnknown(ctx, resolved, memory);
        if (fromDocuments.kind === 'answer') return fromDocuments;
      }
      return clarify(ctx, intent, types, resolved);
    }
    const mentioned = ctx.entitiesIn(analysis.entities);
    for (const subject of partSubjects) {
      const check = yesNo ? mentioned.find((e) => !partSubjects.some((s) => s.id === e.id)) : undefined;
      const composed = ctx.composer.compose({ part, subject, check, exclude, values: yesNo ? numbers : [] });
      if (!composed) continue;
      texts.push(composed.text);
      facts.push(...composed.facts, ...composed.notes);
      subjects.push(subject);
      objects.push(...composed.objects);
      if (composed.holds !== undefined) {
        if (verdict === undefined) verdictWords = { yes: part.yes ?? ctx.texts.yes, no: part.no ?? ctx.texts.no };
        verdict = (verdict ?? true) && composed.holds;
      }
    }
  }
  const trace = traceOf(analysis, question, facts.map((f) => f.id), 'facts');
  if (texts.length === 0) {
    const names = given ?? ctx.entitiesIn(analysis.entities);
    return ctx.unknown(question, trace, fill(ctx.texts.noFacts, { subject: names.length ? joinList(names.map((e) => e.name), ctx.texts.and) : '…' }));
  }
  const prefix = verdict === undefined ? '' : `${verdict ? verdictWords.yes : verdictWords.no} `;
  const recent = [...new Set([...subjects, ...objects].map((e) => e.id).concat(memory.recent ?? []))].slice(0, MAX_REMEMBERED);
  return {
    kind: 'answer',
    text: prefix + texts.join(' '),
    citations: citationsOf(ctx.store, facts),
    suggestions: ctx.suggestionsFor(intent, question),
    memory: { question, intent: intent.id, recent, subjects: subjects.map((s) => s.id), facts: [...new Set(facts.map((f) => f.id))], sources: [], named: [...new Set(objects.map((e) => e.id))] },
    trace,
  };
}

export function clarify(ctx: AnswerContext, intent: FactsIntent, types: readonly string[], resolved: Resolved): Reply {
  const relations = new Set(intent.answer.map((p) => p.relation));
  // Offer only entities the answer has facts for: every choice must lead to an answer.
  const choices = types
    .flatMap((type) => ctx.store.entitiesOfType(type))
    .filter((e) => ctx.store.data.facts.some((f) => relations.has(f.relation) && (f.subject === e.id || f.object === e.id)))
    .map((e) => ({ title: e.name, value: e.name }));
  const trace = traceOf(resolved.analysis, resolved.question, [], 'clarify');
  if (choices.length === 0) return ctx.unknown(resolved.question, trace);
  // One possible answer needs no question back.
  if (choices.length === 1) {
    const only = types.flatMap((type) => ctx.store.entitiesOfType(type)).find((e) => e.name === choices[0]!.value)!;
    return factAnswer(ctx, intent, resolved, {}, [only]);
  }
  return {
    kind: 'clarify',
    text: intent.clarify ?? ctx.texts.clarifyChoices,
    choices,
    pending: { question: resolved.question, intent: intent.id, type: types },
    suggestions: [],
    trace,
  };
}
