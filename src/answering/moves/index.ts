/**
 * The conversation moves, tried in order on each message before it is answered as a question:
 * a buried question is found, a compound one split, an aside's return or a correction taken off,
 * a tag statement asked as yes/no, a list operation or a topic answered, references resolved;
 * then the message is answered, and a question word re-targeting the last question is checked to
 * have been answered with the type it asked. Each move is its own function in this folder.
 */
import type { BotTexts, Entity } from '../../knowledge/schema';
import type { ConversationWords, MoveTexts } from '../../nlu/languages';
import { questionType, satisfiesType } from '../../nlu/questionType';
import type { Analysis } from '../../nlu/understanding';
import { MAX_REMEMBERED, type AnswerContext } from '../context';
import { resolveReferences, TypeRoles } from '../frame';
import { isEntityFragment, questionWordFragment } from '../followUp';
import { traceOf } from '../trace';
import type { ConversationMemory, Reply } from '../types';
import { returnTo, withoutDiscourse } from './aside';
import { buriedQuestion, tagAsYesNo } from './buried';
import { answerParts, compoundParts } from './compound';
import { correctedPart } from './correction';
import { answerList, filtered, filterOf, listRequest, type ListContext } from './lists';
import { topicOf, topicReply } from './topic';

export interface MoveDeps {
  readonly ctx: AnswerContext;
  /** The language's words the moves recognise. */
  readonly words: ConversationWords;
  analyse(text: string): Analysis;
  /** Answers one question as the engine understands it. */
  answer(text: string, memory: ConversationMemory): Reply;
}

export class ConversationMoves {
  readonly roles: TypeRoles;
  readonly texts: BotTexts & MoveTexts;

  constructor(private readonly deps: MoveDeps) {
    this.roles = new TypeRoles(deps.ctx.store);
    this.texts = { ...deps.words.texts, ...deps.ctx.texts };
  }

  /** Answers a message in the light of the conversation frame. */
  reply(message: string, memory: ConversationMemory): Reply {
    const buried = buriedQuestion(message, this.deps.words);
    const text = buried?.question ?? message;
    const current = buried ? remembering(memory, this.entitiesIn(buried.rest)) : memory;
    const parts = compoundParts(text, this.deps.words);
    if (parts.length > 1) return answerParts(parts, current, (part, m) => this.move(part, m), this.texts);
    return this.move(text, current);
  }

  private move(message: string, memory: ConversationMemory): Reply {
    let text = withoutDiscourse(message, this.deps.words);
    let current = memory;
    const back = returnTo(text, this.deps.words);
    if (back) {
      current = remembering(memory, this.entitiesIn(back.to));
      text = back.question ?? back.to;
    }
    const corrected = correctedPart(text, this.deps.words);
    if (corrected) {
      const refiltered = this.refilter(corrected, current);
      if (refiltered) return refiltered;
      text = corrected;
    }
    text = tagAsYesNo(text, this.deps.words) ?? text;
    const listed = this.list(text, current);
    if (listed) return listed;
    const topic = this.topic(text, current);
    if (topic) return topic;
    const resolved = resolveReferences(text, current, this.roles, (t) => this.entitiesIn(t).length > 0, this.deps.words);
    const analysis = this.deps.analyse(resolved);
    const word = questionWordFragment(analysis);
    if (word === undefined) return this.deps.answer(resolved, current);
    // "When?" with no question before it re-targets nothing: said plainly.
    if (!current.question) return this.deps.ctx.unknown(resolved, traceOf(analysis, resolved, [], 'nothing-to-retarget'));
    return this.retargetChecked(word, analysis, current, this.deps.answer(resolved, current));
  }

  /** "sorry, I meant in Chile" after a filtered list: the same filter with the new place. */
  private refilter(corrected: string, memory: ConversationMemory): Reply | undefined {
    const frame = memory.frame;
    if (!frame?.filter || !frame.list) return undefined;
    const filter = filterOf(corrected, (t) => this.entitiesIn(t), this.deps.words);
    if (!filter) return undefined;
    const list = frame.list.map((id) => this.deps.ctx.store.entity(id)).filter((e): e is Entity => e !== undefined);
    return filtered(this.listContext(corrected, memory), list, filter, frame);
  }

  private list(text: string, memory: ConversationMemory): Reply | undefined {
    const request = listRequest(text, this.deps.words);
    return request ? answerList(request, this.listContext(text, memory)) : undefined;
  }

  private listContext(text: string, memory: ConversationMemory): ListContext {
    return {
      ctx: this.deps.ctx,
      texts: this.texts,
      words: this.deps.words,
      analysis: this.deps.analyse(text),
      memory,
      entitiesIn: (t) => this.entitiesIn(t),
      about: (entity, m) => topicReply(this.deps.ctx, this.texts, entity, this.deps.analyse(text), m) ?? this.deps.answer(entity.name, m),
    };
  }

  /** "tell me about X", or a name alone after a topic: what the sources say about it. */
  private topic(text: string, memory: ConversationMemory): Reply | undefined {
    const named = topicOf(text, this.deps.words);
    const analysis = this.deps.analyse(named ?? text);
    // Only a name: "tell me about when and where it was founded" is a question.
    if (!isEntityFragment(analysis) || (named === undefined && memory.frame?.route !== 'topic')) return undefined;
    const entity = this.deps.ctx.entitiesIn(analysis.entities)[0];
    if (!entity) return undefined;
    return topicReply(this.deps.ctx, this.texts, entity, this.deps.analyse(text), memory);
  }

  /**
   * "When?" after a question about one thing: if the re-targeted question's answer is not of the
   * type asked (no date for "when?"), what the sources say of that type about the same thing.
   */
  private retargetChecked(word: string, analysis: Analysis, memory: ConversationMemory, reply: Reply): Reply {
    const type = questionType(word);
    if (reply.kind === 'answer' && satisfiesType(type, reply.text)) return reply;
    // The thing the last question named, else what its answer was about.
    const asked = this.entitiesIn(memory.question ?? '');
    const subject = asked[0] ?? (memory.subjects ?? []).map((id) => this.deps.ctx.store.entity(id)).find((e) => e !== undefined);
    const typed = subject ? topicReply(this.deps.ctx, this.texts, subject, analysis, memory, type) : undefined;
    return typed ?? reply;
  }

  private entitiesIn(text: string): Entity[] {
    return this.deps.ctx.entitiesIn(this.deps.analyse(text).entities);
  }
}

/** The memory with these entities remembered first (what a return or a message's other sentences name). */
function remembering(memory: ConversationMemory, entities: readonly Entity[]): ConversationMemory {
  if (entities.length === 0) return memory;
  return { ...memory, recent: [...new Set([...entities.map((e) => e.id), ...(memory.recent ?? [])])].slice(0, MAX_REMEMBERED) };
}
