/** English: Porter stems, contractions, SCOWL's word list, WordNet synonyms. */
import { isEnglishWord } from '../dictionary';
import { stem } from '../stem';
import { englishContractions } from '../text';
import { englishConversation } from './englishConversation';
import { naturalStopWords } from './stopWords';
import type { LanguageModule } from './types';

const YES_NO_STARTS = new Set(['is', 'are', 'was', 'were', 'does', 'do', 'did', 'will', 'can', 'could', 'has', 'have', 'would', 'should']);

export const english: LanguageModule = {
  code: 'en',
  prepare: englishContractions,
  stem,
  get stopWords() {
    return naturalStopWords('en');
  },
  filler: new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'at', 'for', 'by', 'with', 'is', 'are', 'be', 'do', 'doe', 'does', 'did']),
  isWord: isEnglishWord,
  dictionary: true,
  fragmentFiller: new Set(['and', 'what', 'about', 'how', 'the', 'a', 'an', 'at', 'in', 'on', 'for', 'of', 'then', 'ok', 'okay', 'so', 'also', 'plus', 'same', 'again', 'too', 'to', 'by']),
  questionWords: new Set(['where', 'when', 'who', 'why', 'how', 'which', 'what']),
  elseWords: new Set(['else', 'other', 'others', 'another', 'besides']),
  isYesNo: (words) => YES_NO_STARTS.has(words[0] ?? ''),
  synonyms: true,
  conversation: englishConversation,
};
