export { formatGroupsTable, type TableOptions } from './formatGroups';
export { groupQuestions, similarity, type GroupOptions, type QuestionGroup } from './groupQuestions';
export { normalizeQuestion, questionTokens } from './questionText';
export { UnansweredLog, unansweredLogFile, UNANSWERED_FILE, type UnansweredLogOptions } from './unansweredLog';
export {
  DEFAULT_MAX_RECORDS,
  MAX_TEXT_LENGTH,
  MemoryUnansweredStore,
  type Guess,
  type UnansweredEntry,
  type UnansweredRecord,
  type UnansweredStore,
} from './unansweredStore';
export { ChoiceLog, CHOICES_FILE, type ChoiceRecord } from './choiceLog';
