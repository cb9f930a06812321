/**
 * The labelled evaluation: asks the running bot every question of an evaluation set over HTTP
 * (expectReplies, Emulator channel so the answer trace comes back) and scores intent and answer.
 */
import fs from 'node:fs';
import YAML from 'yaml';
import { normalize } from '../../src/nlu/text';
import { BotClient, traceOf, visibleText, type BotTurn } from './botClient';

export interface EvalTurn {
  readonly q: string;
  /** Expected intent id; "none": the bot must say it does not know; "any": any answer that says `expect`. */
  readonly intent: string;
  /** Texts the reply must contain (case and accents ignored). */
  readonly expect?: readonly string[];
  /** Texts the reply must not contain. */
  readonly reject?: readonly string[];
  /** Expected kind of reply when not a plain answer: clarify, ambiguous, unknown. */
  readonly reply?: string;
  readonly tags?: readonly string[];
}

export interface EvalSet {
  readonly questions: readonly EvalTurn[];
  readonly conversations: readonly { readonly name: string; readonly turns: readonly EvalTurn[] }[];
}

export interface TurnResult {
  readonly turn: EvalTurn;
  readonly conversation?: string;
  readonly predicted: string;
  readonly kind: string;
  readonly text: string;
  readonly correct: boolean;
  readonly why: string;
}

export interface IntentScore {
  readonly intent: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface EvalReport {
  readonly single: readonly TurnResult[];
  readonly multi: readonly TurnResult[];
  readonly accuracy: number;
  readonly multiTurnAccuracy: number;
  readonly conversationsFullyRight: number;
  readonly byTag: Readonly<Record<string, { right: number; total: number }>>;
  readonly perIntent: readonly IntentScore[];
  readonly confusions: readonly { gold: string; predicted: string; count: number }[];
}

export function readEvalSet(file: string): EvalSet {
  const raw = YAML.parse(fs.readFileSync(file, 'utf8')) as Partial<EvalSet>;
  return { questions: raw.questions ?? [], conversations: raw.conversations ?? [] };
}

const NONE_KINDS = new Set(['unknown']);
/** A question labelled only by what its answer must say, not by intent (held-out sets). */
const ANY = 'any';

function judge(turn: EvalTurn, reply: BotTurn): Omit<TurnResult, 'turn'> {
  const trace = traceOf(reply);
  const text = visibleText(reply);
  const kind = trace?.kind ?? 'missing';
  const intent = trace?.intent === 'None' || !trace ? 'none' : trace.intent;
  const predicted = NONE_KINDS.has(kind) ? 'none' : trace?.route === 'search' ? 'search' : intent;
  const folded = normalize(text);
  const problems: string[] = [];
  if (turn.reply) {
    if (kind !== turn.reply) problems.push(`reply kind ${kind}, expected ${turn.reply}`);
  } else if (turn.intent === 'none') {
    if (kind !== 'unknown') problems.push(`answered (${kind}, ${intent}) instead of declining`);
  } else if (turn.intent === ANY) {
    if (kind !== 'answer') problems.push(`${kind} instead of an answer`);
  } else if (predicted !== turn.intent) {
    problems.push(`intent ${predicted} (${kind}), expected ${turn.intent}`);
  }
  for (const wanted of turn.expect ?? []) if (!folded.includes(normalize(wanted))) problems.push(`missing “${wanted}”`);
  for (const unwanted of turn.reject ?? []) if (folded.includes(normalize(unwanted))) problems.push(`contains “${unwanted}”`);
  return { predicted, kind, text, correct: problems.length === 0, why: problems.join('; ') };
}

function scores(all: readonly TurnResult[]): { perIntent: IntentScore[]; confusions: EvalReport['confusions'] } {
  const results = all.filter((r) => r.turn.intent !== ANY);
  const labels = [...new Set(results.flatMap((r) => [r.turn.intent, r.predicted]))].sort();
  const perIntent = labels.map((intent) => {
    const tp = results.filter((r) => r.turn.intent === intent && r.predicted === intent).length;
    const fp = results.filter((r) => r.turn.intent !== intent && r.predicted === intent).length;
    const fn = results.filter((r) => r.turn.intent === intent && r.predicted !== intent).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { intent, precision, recall, f1, support: tp + fn };
  });
  const pairs = new Map<string, number>();
  for (const r of results) {
    if (r.turn.intent !== r.predicted) pairs.set(`${r.turn.intent}\u0000${r.predicted}`, (pairs.get(`${r.turn.intent}\u0000${r.predicted}`) ?? 0) + 1);
  }
  const confusions = [...pairs.entries()]
    .map(([key, count]) => ({ gold: key.split('\u0000')[0]!, predicted: key.split('\u0000')[1]!, count }))
    .sort((a, b) => b.count - a.count);
  return { perIntent, confusions };
}

/** Runs the evaluation set against a bot at baseUrl. Each question gets a fresh conversation. */
export async function evaluate(baseUrl: string, set: EvalSet): Promise<EvalReport> {
  const client = new BotClient(baseUrl, 'emulator');
  const run = Date.now().toString(36);
  const single: TurnResult[] = [];
  for (const [i, turn] of set.questions.entries()) {
    single.push({ turn, ...judge(turn, await client.send(`eval-${run}-q${i}`, turn.q)) });
  }
  const multi: TurnResult[] = [];
  let conversationsFullyRight = 0;
  for (const [i, conversation] of set.conversations.entries()) {
    let allRight = true;
    for (const turn of conversation.turns) {
      const result = { turn, conversation: conversation.name, ...judge(turn, await client.send(`eval-${run}-c${i}`, turn.q)) };
      multi.push(result);
      allRight &&= result.correct;
    }
    if (allRight) conversationsFullyRight++;
  }
  const byTag: Record<string, { right: number; total: number }> = {};
  for (const r of single) {
    for (const tag of r.turn.tags ?? ['untagged']) {
      const entry = (byTag[tag] ??= { right: 0, total: 0 });
      entry.total++;
      if (r.correct) entry.right++;
    }
  }
  const ratio = (list: readonly TurnResult[]) => (list.length ? list.filter((r) => r.correct).length / list.length : 0);
  return {
    single,
    multi,
    accuracy: ratio(single),
    multiTurnAccuracy: ratio(multi),
    conversationsFullyRight,
    byTag,
    ...scores(single),
  };
}
