/** A question's meaning as the understanding pipeline reads it, for grouping questions that say the same thing. */
import type { QuestionMeaning } from './groupQuestions';
import { isTyped, questionType } from '../nlu/questionType';
import type { Understanding } from '../nlu/understanding';

export function meaningReader(understanding: Understanding): (text: string) => QuestionMeaning {
  return (text) => {
    const analysis = understanding.analyse(text);
    const type = questionType(text);
    return {
      asks: isTyped(type) ? type : '',
      about: [...new Set(analysis.entities.flatMap((m) => m.entities.map((e) => e.type)))].sort(),
      stems: analysis.features.filter((f) => /^[\p{L}\p{N}]+$/u.test(f)),
    };
  };
}
