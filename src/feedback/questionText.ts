/**
 * Turns a question into comparable words: lowercase, no accents, no punctuation. Apostrophes are
 * dropped rather than split on, so "what's" and "whats" become the same word.
 */
export function normalizeQuestion(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Words that change how a question is phrased, not what it asks about. Question words go too:
// two questions sharing only "what" and "is" are not the same question.
const FILLER = new Set(
  (
    'a an the is are was were be been am do does did doing of to in on for at by with from about into ' +
    'and or but if so than then i me my we our you your it its this that these those there here ' +
    'can could would should will shall may might must please tell know want like need get ' +
    'what whats how hows when whens where wheres why which who whos whom thats theres im id ive ' +
    'hi hello hey thanks thank any some'
  ).split(' '),
);

/** The words that carry a question's meaning; all of them when every word is filler. */
export function questionTokens(normalized: string): string[] {
  const words = normalized.split(' ').filter(Boolean);
  const content = words.filter((word) => !FILLER.has(word));
  return [...new Set(content.length > 0 ? content : words)];
}
