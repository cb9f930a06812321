/**
 * Little words of languages natural has no stop-word list for, only to tell that a message is in
 * a language the knowledge base does not speak (never to read it).
 */
export const OTHER_FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  de: ['der', 'die', 'das', 'und', 'ist', 'wo', 'wer', 'wird', 'wann', 'warum', 'wie', 'was', 'welche', 'welcher', 'welches', 'gebaut', 'hergestellt', 'von', 'mit', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'nicht', 'auch', 'auf', 'fur', 'werden', 'sind', 'gehort', 'wem', 'ich', 'du', 'sie', 'es', 'wir', 'ihr', 'mir', 'mich', 'bitte', 'danke', 'hallo', 'guten', 'tag', 'welchem', 'werk', 'fabrik', 'besitzt'],
};
