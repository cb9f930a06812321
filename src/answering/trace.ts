/** What the engine saw and decided for one message: sent to the Emulator as a trace, and logged. */
import type { Analysis } from '../nlu/understanding';
import { NONE } from '../nlu/understanding';
import type { Trace } from './types';

const round = (x: number) => Math.round(x * 1000) / 1000;

export function traceOf(analysis: Analysis, question: string, facts: readonly string[], route: string): Trace {
  return {
    text: analysis.text,
    understood: question,
    intent: analysis.intent,
    score: round(analysis.score),
    guesses: analysis.ranking.slice(0, 3).map((p) => ({ intent: p.label, score: round(p.score) })),
    entities: analysis.entities.map((m) => ({ text: m.text, ids: m.entities.map((e) => e.id) })),
    corrections: analysis.corrections,
    facts,
    route,
  };
}

/** For messages that were not analysed (empty, declined). */
export function emptyTrace(text: string, route: string): Trace {
  return { text, understood: text, intent: NONE, score: 0, guesses: [], entities: [], corrections: [], facts: [], route };
}
