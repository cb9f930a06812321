/**
 * The words and patterns a conversation in `it` is followed by, mirroring englishConversation.ts:
 * corrections ("no, intendevo il modello Terra"), asides, tag questions ("…, vero?"), compound questions,
 * lists, references ("lì", "lui") and the texts the moves say. The patterns read the message as
 * written (accents and elisions kept), so they allow both "perché" and "perche", "dell'" and "del".
 */
import type { ConversationWords } from './types';

/** A whole word: JavaScript's \b does not see accented letters as letters. */
const END = '(?![\\p{L}\\p{N}])';
const START = '(?<![\\p{L}\\p{N}])';
const QWORD = `(?:dove|dov'|quando|chi|come|perch[eé]|quale|quali|qual|cosa|cos'|che cosa|quanto|quanti|quante|in che|in quale|da quando|di chi)${END}`;
/** Openings that only carry the message along ("e", "ma", "quindi"). */
const AND = `(?:e|ed|ma|quindi|allora)\\s+`;

const THERE = new RegExp(`${START}(?:lì|là|laggiù|li dentro|lì dentro)${END}`, 'iu');
const HE_OR_SHE = new RegExp(`${START}(?:lui|lei)${END}`, 'iu');
const THAT = new RegExp(`${START}(?:quello|quella|questo|questa|ciò)${END}`, 'iu');

export const italianConversation: ConversationWords = {
  questionWords: new Set(['dove', 'quando', 'chi', 'come', 'perche', 'quale', 'quali', 'cosa', 'quanto', 'quanti']),
  questionWordForms: { quali: 'quale', quanti: 'quanto', quante: 'quanto', quanta: 'quanto' },
  correction: new RegExp(
    `^(?:(?:scusa|scusami|scusate|no|anzi|pardon|ops|errore|mi correggo|mi sono sbagliato|mi sono sbagliata)[\\s,!.;:—–-]+)+(?:(?:intendevo|volevo dire|dicevo|parlavo di|mi riferivo a)\\s+)?(.+)$|^(?:intendevo|volevo dire|mi riferivo a)\\s+(.+)$`,
    'iu',
  ),
  // A greeting opens a question only when set off by punctuation ("ciao! dove…"), not in "buonasera a tutti".
  discourseStart: new RegExp(`^(?:(?:ok(?:ay)?|allora|quindi|dunque|bene|va bene|senti|ascolta|comunque|ehm+|ah|ma|e quindi|e allora)[\\s,!.;:—–-]+|(?:ciao|salve|buongiorno|buonasera)\\s*[,!.;:—–-]+\\s*)+(?=\\S)`, 'iu'),
  discourseEnd: new RegExp(`(?:[\\s,]+(?:allora|quindi|per favore|per piacere|grazie|poi))+\\s*(?=[?.!]*$)`, 'iu'),
  returnTo: new RegExp(
    `^(?:tornando|torniamo|ritorniamo|ritornando|riprendiamo|riprendendo)\\s+(?:(?:alla|allo|alle|agli|ai|al|sulla|sullo|sul|a)\\s+|all'\\s*)(.+?)(?:(?:\\s*[—–:,;-]\\s*|\\s+)(${QWORD}.*))?\\s*[?.!]*$`,
    'iu',
  ),
  tagQuestion: /^(.+?)[\s,]+(?:vero|giusto|no|corretto|esatto|è così|e così|è vero|dico bene|confermi|sbaglio)\s*\?+$/iu,
  // The language asks yes or no with the statement itself, its voice rising: "La Terra è fatta a Riverside?".
  asYesNo(statement) {
    const words = statement.replace(new RegExp(`^${AND}`, 'iu'), '').trim().split(/\s+/);
    return words.length < 2 ? undefined : `${words.join(' ')}?`;
  },
  compoundSplit: new RegExp(`\\s*,?\\s+(?:e|ed|e poi|e anche|inoltre)\\s+(?=${QWORD})|(?<=\\?)\\s+(?=\\S)`, 'iu'),
  sentenceSplit: /(?<=(?:[\p{L}\p{N}]{2}|[’'")])[.!?]+)\s+(?=[\p{Lu}"“])/u,
  minBuriedWords: 12,
  topic: new RegExp(
    `^(?:(?:mi )?(?:puoi |potresti )?(?:dimmi|dirmi|parlami|parlarmi|raccontami|raccontarmi)(?: qualcosa| di più| un po')?|(?:cosa|che cosa) (?:sai|mi sai dire|mi dici|dicono le (?:tue )?fonti)|che mi dici|informazioni)` +
      `(?:\\s+(?:su|sul|sulla|sullo|sui|sugli|sulle|di|del|della|dello|dei|degli|delle|riguardo a|riguardo al|riguardo alla|a proposito di|a proposito del|a proposito della)\\s+|\\s+(?:dell|sull|all|nell)'\\s*)(.+?)\\s*[?.!]*$`,
    'iu',
  ),
  listFilter: new RegExp(`^(?:${AND})?(?:quali|quale|quanti|quante)(?: di (?:questi|queste|quelli|quelle|loro))? (?:sono|è|si trovano|si trova|stanno|sta)\\s+(.+?)\\s*[?.!]*$`, 'iu'),
  listFilterCounts: /^(?:\S+ )?quant[ie]/iu,
  listAllCheck: new RegExp(`^(?:${AND})?(?:(?:sono|stanno|si trovano) (?:tutti|tutte)(?: quanti| quante)?|(?:tutti|tutte) (?:sono|stanno|si trovano))\\s+(.+?)\\s*[?.!]*$`, 'iu'),
  listAll: new RegExp(`^(?:${AND})?(?:tutti|tutte|tutti quanti|tutte quante|l'elenco completo|tutto l'elenco)\\s*[?.!]*$`, 'iu'),
  listCount: new RegExp(`^(?:${AND})?quant[ie](?: (?:sono|ce ne sono|in tutto|in totale))*\\s*[?.!]*$`, 'iu'),
  listOrdinal: new RegExp(`^(?:${AND})?(?:che mi dici del(?:la)? |parlami del(?:la)? )?(?:il |la |l')?(primo|prima|secondo|seconda|terzo|terza|quarto|quarta|quinto|quinta|ultimo|ultima)(?: della lista| dell'elenco)?\\s*[?.!]*$`, 'iu'),
  ordinals: { primo: 0, prima: 0, secondo: 1, seconda: 1, terzo: 2, terza: 2, quarto: 3, quarta: 3, quinto: 4, quinta: 4, ultimo: -1, ultima: -1 },
  placePrepositions: ['in', 'a', 'da', 'di', 'vicino'],
  placeReference: THERE,
  personReference: HE_OR_SHE,
  thingReference: THAT,
  // "il suo ruolo" does not take a name in the possessive's place: only "lui"/"lei" are resolved.
  possessivePerson: /(?!)/u,
  provenanceCue: new RegExp(`${START}(?:detto|dice|dicono|dichiarato|affermato|fonte|fonti|viene da|secondo chi|citazione|citato|sicuro|sicura|letto)${END}`, 'iu'),
  atPlace: (name) => `a ${name}`,
  possessive: (name) => name,
  // Short, as English's: a verb such as "sei" ("are you…") is a small-talk intent's own word.
  stopWords: new Set(['il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'un', 'uno', 'una', 'di', 'del', 'della', 'a', 'al', 'alla', 'da', 'in', 'con', 'su', 'per', 'e', 'o', 'che', 'mi', 'ti', 'me', 'te', 'tu', 'io', 'questo', 'quello', 'cosa', 'ora', 'tutti', 'tutto', 'primo', 'ultimo']),
  texts: {
    listFilter: 'Di questi, {phrase}: {items} ({count}).',
    listFilterNone: 'Nessuno di questi è {phrase}.',
    listAllYes: 'Sì. Tutti e {count} sono {phrase}: {items}.',
    listAllNo: 'No. Non {phrase}: {others}. {phrase_cap}: {items}.',
    listCount: 'Sono {count}: {items}.',
    listAll: 'Tutti e {count}: {items}.',
    noList: 'Non ti ho ancora dato un elenco da cui scegliere, quindi non so quale intendi.',
    partUnknown: 'Quanto a “{part}”: non lo so, le mie fonti non ne parlano.',
    topicIntro: 'Ecco cosa dicono le mie fonti su {subject}:',
  },
};
