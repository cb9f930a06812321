import { formatGroupsTable } from '../../src/feedback/formatGroups';
import type { QuestionGroup } from '../../src/feedback/groupQuestions';

const groups: QuestionGroup[] = [
  {
    representative: 'whats the price of the tonale',
    count: 12,
    conversations: 9,
    firstTime: '2025-05-01T08:00:00.000Z',
    lastTime: '2025-05-02T17:45:12.000Z',
    variants: ["What's the price of a Tonale?"],
    topGuess: { intent: 'price', count: 7 },
  },
  {
    representative: 'do you deliver abroad and if so how long does it take and what does it cost',
    count: 1,
    conversations: 1,
    firstTime: '2025-05-01T09:00:00.000Z',
    lastTime: '2025-05-01T09:00:00.000Z',
    variants: [],
  },
];

describe('formatGroupsTable', () => {
  it('shows one row per group with its other wordings beneath, long questions cut', () => {
    expect(formatGroupsTable(groups, { questionWidth: 40 }).split('\n')).toEqual([
      '#  Count  Chats  Last asked (UTC)  Best guess  Question',
      '-  -----  -----  ----------------  ----------  ----------------------------------------',
      '1     12      9  2025-05-02 17:45  price (7)   whats the price of the tonale',
      "                                               ~ What's the price of a Tonale?",
      '2      1      1  2025-05-01 09:00  -           do you deliver abroad and if so how lon…',
    ]);
  });
});
