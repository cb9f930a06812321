/**
 * The conversation moves, as conversations: each table is what a person types and what the bot's
 * reply must say, turn by turn, with the memory the dialog would keep (set by every answer).
 */
import type { ConversationMemory } from '../../../src/answering/types';
import { DOCUMENTS_ONLY_KNOWLEDGE, engineFor, FIXTURE_KNOWLEDGE, PRODUCT_KNOWLEDGE } from '../../support/knowledge';

/** A turn: what the person says, and what the reply must match (a text it contains, or a pattern). */
type Turn = readonly [says: string, replies: string | RegExp, rejects?: string];

async function converse(knowledge: string, turns: readonly Turn[]): Promise<void> {
  const { engine } = await engineFor(knowledge);
  let memory: ConversationMemory = {};
  for (const [says, replies, rejects] of turns) {
    const reply = engine.ask(says, memory);
    const seen = `${says} → ${reply.text}`;
    if (typeof replies === 'string') expect(seen).toContain(replies);
    else expect(seen).toMatch(replies);
    if (rejects) expect(reply.text).not.toContain(rejects);
    if (reply.kind === 'answer') memory = reply.memory;
  }
}

describe('conversation moves on the bundled knowledge', () => {
  const talk = (turns: readonly Turn[]) => converse(PRODUCT_KNOWLEDGE, turns);

  test.each<[string, Turn[]]>([
    ['follow-up with a new entity', [['Where is the Tonale made?', 'Pomigliano'], ['and the Giulia?', 'The Giulia is made at the Cassino Plant', 'Pomigliano'], ['what about the Stelvio again?', 'Cassino']]],
    ['correction: sorry, I meant', [['Where is the Giulia made?', 'Cassino'], ['sorry, I meant the Tonale', 'The Tonale is made at the Pomigliano', 'Cassino']]],
    ['correction: no, the X', [['Where is the Stelvio built?', 'Cassino'], ['no, the Tonale', 'Pomigliano']]],
    ['correction: not that one, the X', [['Which models are made at Cassino?', 'Giulia'], ['not that one, the Pomigliano plant', 'Tonale', 'Stelvio']]],
    ['correction keeps a yes/no question', [['Is the Giulia made in Pomigliano?', /^.* → No\./], ['oops, I meant the Tonale', /→ Yes\./]]],
  ])('%s', async (_move, turns) => talk(turns));

  test.each<[string, Turn[]]>([
    ['"there" is the place the answer named', [['Where is the Giulia made?', 'Cassino'], ['what else is made there?', 'Stelvio', 'Tonale']]],
    ['"that" is the thing the answer named', [['Which plant makes the Tonale?', 'Pomigliano'], ['is that in Italy?', /→ Yes\. The Pomigliano/]]],
    ['"he" is the person named', [['Who is the CEO of Alfa Romeo?', 'Imparato'], ['who is he?', 'Jean-Philippe Imparato is the CEO']]],
    ['"it" is the model asked about, even after a place was named', [['Where is the Stelvio made?', 'Cassino'], ['is it made in Italy?', /→ Yes\./]]],
    ['"where\'s that?" is about the place, not who said it', [['Where was Alfa Romeo\'s original factory?', 'Portello'], ["where's that?", 'Milan', 'said it']]],
  ])('reference by type: %s', async (_move, turns) => talk(turns));

  test.each<[string, Turn[]]>([
    ['"when?" after where', [['Where was Alfa Romeo founded?', 'Milan'], ['when?', '1910']]],
    ['"where?" after when', [['When was Alfa Romeo founded?', '1910'], ['where?', 'Milan']]],
    ['"when?" keeps the thing asked about', [['Where will the E-segment vehicle be built?', 'not yet'], ['when?', '2027']]],
    ['"who said that?" after a quote names the speaker', [['Will there be an all-electric Giulia?', 'Giulia'], ['who said that?', 'Jean-Philippe Imparato said it']]],
    ['"who said that?" without a quote names the source', [['Where is the Melfi plant?', 'Italy'], ['who said that?', 'That comes from “Where Is Alfa Romeo Made', 'Imparato']]],
    ['"to whom?" re-asks, it is not about a speaker', [['Who owns Alfa Romeo?', 'Stellantis'], ['to whom?', 'Stellantis', 'said it']]],
    ['"when?" with nothing before it says it does not know', [['when?', "Sorry, I don't know that."]]],
  ])('re-targeting: %s', async (_move, turns) => talk(turns));

  const plants: Turn = ['Where are Alfa Romeo cars made?', 'Toluca Plant (Mexico)'];
  test.each<[string, Turn[]]>([
    ['filter', [plants, ['which of those are in Mexico?', 'Of those, 1 in Mexico: Toluca Plant.', 'Cassino'], ['and which are in Italy?', 'Of those, 4 in Italy: Cassino Plant', 'Toluca']]],
    ['filter that keeps nothing', [plants, ['which of those are in China?', 'None of those is in China.']]],
    ['count', [plants, ['how many is that?', 'That makes 5: Cassino Plant']]],
    ['all of them, after a filter', [plants, ['which of them are in Italy?', 'Of those, 4'], ['all of them?', 'No. Not in Italy: Toluca Plant.']]],
    ['are they all…', [plants, ['are they in Italy?', 'No. Not in Italy: Toluca Plant.']]],
    ['the first one, then "there"', [plants, ['the first one?', 'Here is what my sources say about Cassino Plant'], ['what is made there?', 'Giulia']]],
    ['the last one, then the second', [plants, ['the last one?', 'Toluca'], ['and the second one?', 'Pomigliano']]],
    ['a correction of the filter', [plants, ['which of those are in Italy?', 'Melfi'], ['sorry, I meant in Mexico', 'Of those, 1 in Mexico: Toluca Plant.']]],
    ['no list yet: said plainly, never "Bye!"', [['the first one?', "I haven't given you a list", 'Bye'], ['all of them?', "I haven't given you a list", 'Bye']]],
  ])('list operation: %s', async (_move, turns) => talk(turns));

  test.each<[string, Turn[]]>([
    ['back to X — question', [['Where is the Stelvio built?', 'Cassino'], ['how much does a Stelvio cost?', "don't know"], ['ok, back to the Giulia — where is it built?', 'The Giulia is made at the Cassino Plant']]],
    ['so … then', [['Which plant builds the Tonale?', 'Pomigliano'], ["what's the weather like in Naples?", "don't know"], ['so where is it made then?', 'The Tonale is made at the Pomigliano']]],
    ['after small talk', [['Where is the Giulia made?', 'Cassino'], ['hello!', /Hi|Hello/], ['so is it made in Italy?', /→ Yes\./]]],
  ])('return after an aside: %s', async (_move, turns) => talk(turns));

  test('a new question replaces the frame', () => talk([
    ['Where are Alfa Romeo cars made?', 'Toluca'],
    ['Who is the CEO of Alfa Romeo?', 'Imparato'],
    ['which of those are in Mexico?', /→ (?!Of those)/],
  ]));

  test.each<[string, Turn[]]>([
    ['two parts, both answered and cited', [['who owns the brand and where was it founded?', /Stellantis.*Milan/]]],
    ['a part the sources cannot answer is said to be unknown', [['where is the Tonale made and how much does it cost?', /Pomigliano.*As for “how much does it cost”: I don’t know/]]],
    ['two models', [['where is the Giulia made and where is the Tonale made?', /Cassino.*Pomigliano/]]],
  ])('compound question: %s', async (_move, turns) => talk(turns));

  test('a compound answer cites every part', async () => {
    const { engine } = await engineFor(PRODUCT_KNOWLEDGE);
    const reply = engine.ask('who owns the brand and where was it founded?');
    expect(reply.kind === 'answer' && reply.citations.map((c) => c.title)).toEqual(['Alfa Romeo Considers Assembling EVs In America', 'Where Is Alfa Romeo Made: The Ultimate Guide To Its Manufacturing']);
  });

  test.each<[string, Turn[]]>([
    ['the question in a long friendly message', [["Hi there! I've loved Italian cars since I was a kid and I'm finally thinking about buying one. Where is the Stelvio built? Thanks so much in advance!", 'Cassino']]],
    ['…, right?', [['the Giulia is made in Mexico, right?', /→ No\. The Giulia is made at the Cassino/]]],
    ["…, isn't it?", [["the Tonale is built in Italy, isn't it?", /→ Yes\. The Tonale is made at the Pomigliano/]]],
    ['a statement without an auxiliary', [['Stellantis owns Alfa Romeo now, right?', /→ Yes\. Alfa Romeo is owned by Stellantis/]]],
  ])('buried question: %s', async (_move, turns) => talk(turns));

  test.each<[string, Turn[]]>([
    ['tell me about X', [['tell me about Portello', /Here is what my sources say about Portello factory: “Initially.*Milan/]]],
    ["what's the deal with X?", [["what's the deal with the Belvidere plant?", /Belvidere.*Illinois/]]],
    ['a name alone', [['Toluca', /Toluca.*Mexico/]]],
  ])('topic: %s', async (_move, turns) => talk(turns));

  test('"Bye!" only for a goodbye', () => talk([['bye!', /Bye|Goodbye/], ['the first one?', /→ (?!.*Bye)/]]));
});

describe('conversation moves on a second knowledge base (bicycles)', () => {
  const talk = (turns: readonly Turn[]) => converse(FIXTURE_KNOWLEDGE, turns);

  test.each<[string, Turn[]]>([
    ['follow-up with a new entity', [['Where is the Strada built?', 'Utrecht'], ['and the Terra?', 'Porto']]],
    ['correction', [['Where is the Strada built?', 'Utrecht'], ['sorry, I meant the Terra', 'The Terra is built at the Porto Workshop']]],
    ['correction: not that one', [['Is the Terra built in Portugal?', /→ Yes\./], ['not that one, the Strada', /→ No\./]]],
    ['re-targeting', [['When was Velora founded?', '1987'], ['where?', 'Utrecht']]],
    ['"there" is the place the answer named', [['Where is the Terra built?', 'Porto'], ['is the Strada built there?', /→ No\./]]],
    ['return after an aside', [['Where is the Strada built?', 'Utrecht'], ['How much does a Strada cost?', "don't know"], ['so where is it built then?', 'Utrecht']]],
    ['compound question', [['who owns Velora and when was it founded?', /Nordhaven.*1987/]]],
    ['compound with an unknown part', [['when was Velora founded and how much does a Terra cost?', /1987.*As for “how much does a Terra cost”: I don’t know/]]],
    ['buried question', [["Hello! I ride a lot and I'm looking for a new gravel bike for the summer. Where is the Terra built? Thanks!", 'Porto']]],
    ['statement with a tag', [['the Strada is built in Portugal, right?', /→ No\. The Strada is built at the Utrecht/], ["Velora was founded in Utrecht, wasn't it?", /→ Yes\./]]],
    ['topic', [['tell me about the Porto Workshop', /Here is what my sources say about Porto Workshop:.*Terra/]]],
    ['list operation without a list', [['the first one?', "I haven't given you a list", 'Bye']]],
  ])('%s', async (_move, turns) => talk(turns));
});

describe('conversation moves on documents alone (a library)', () => {
  const talk = (turns: readonly Turn[]) => converse(DOCUMENTS_ONLY_KNOWLEDGE, turns);

  test.each<[string, Turn[]]>([
    ['compound question over passages and FAQ entries', [['when is the library open and how much is the late fee?', /9 a\.m\..*25 cents/]]],
    ['buried question', [['Hello! I just moved to Riverside and I read a lot of books. How much is the late fee? Thanks a lot!', '25 cents']]],
    ['return after an aside', [['how much is the late fee?', '25 cents'], ['hello', /./], ['so how much is the late fee then?', '25 cents']]],
    ['a part it cannot answer', [['how much is the late fee and how much does a 3D printer cost?', /25 cents.*I don’t know/]]],
  ])('%s', async (_move, turns) => talk(turns));
});
