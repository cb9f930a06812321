import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { FaqDialog, type QuestionLog } from '../../dialogs/faqDialog';
import { engineFor, FIXTURE_KNOWLEDGE } from '../support/knowledge';
import { renderLikeWebChat } from '../support/markdown';

/** Records what the dialog logs, as the maintainer's list would show it. */
class RecordingLog implements QuestionLog {
  readonly unanswered: string[] = [];
  readonly choices: string[] = [];
  async recordUnanswered(entry: { text: string }) {
    this.unanswered.push(entry.text);
  }
  async recordChoice(entry: { chosen: string }) {
    this.choices.push(entry.chosen);
  }
}

function buttons(activity: Partial<Activity>): string[] {
  const suggested = activity.suggestedActions?.actions.map((a) => a.title) ?? [];
  const card = (activity.attachments ?? []).flatMap((a) => (a.content as { buttons?: { title: string }[] }).buttons ?? []).map((b) => b.title);
  return [...suggested, ...card];
}

async function newClient(channelId = 'webchat') {
  const { engine } = await engineFor(FIXTURE_KNOWLEDGE);
  const state = new ConversationState(new MemoryStorage());
  const log = new RecordingLog();
  const dialog = new FaqDialog(engine, state.createProperty('memory'), log);
  const client = new DialogTestClient(channelId, dialog, undefined, [], state);
  /** Sends a message and returns the visible reply (trace activities skipped). */
  const say = async (text: string): Promise<Partial<Activity>> => {
    let reply: Partial<Activity> = await client.sendActivity(text);
    while (reply?.type === 'trace') reply = client.getNextReply();
    return reply;
  };
  return { client, say, log };
}

describe('the FAQ dialog', () => {
  test('answers with the citation and follow-up buttons', async () => {
    const { say } = await newClient();
    const reply = await say('Where is the Strada built?');
    expect(reply.text).toContain('Utrecht Workshop');
    expect(reply.text).toContain('Source: *The Velora Story* (2021)');
    expect(buttons(reply)).toEqual(['Who owns Velora?']);
  });

  test('asks which entity when none is named, and answers the original question with the reply', async () => {
    const { say } = await newClient();
    const question = await say('Where is it built?');
    expect(question.text).toBe('Which bike do you mean?');
    expect(buttons(question)).toEqual(['Strada', 'Terra']);
    expect((await say('the terra')).text).toContain('Porto Workshop');
  });

  test('a clarification naming something unknown gets an honest answer, logged', async () => {
    const { say, log } = await newClient();
    await say('Where is it built?');
    const reply = await say('the Voyager');
    expect(reply.text).toMatch(/don't know “the Voyager”/);
    expect(log.unanswered).toEqual(['the Voyager']);
  });

  test.each([
    ['a markdown link', '[Claim your prize](https://evil.example)', /<a[\s>]/],
    ['an HTML element', '<b>you won</b>', /<b>/],
  ])('a clarification that is %s is echoed as text, never rendered', async (_case, typed, markup) => {
    const { say } = await newClient();
    await say('Where is it built?');
    const reply = await say(typed);
    expect(reply.textFormat).toBe('markdown');
    expect(reply.text).toMatch(/don't know/);
    const html = renderLikeWebChat(reply.text ?? '');
    expect(html).not.toMatch(markup);
    expect(html.replace(/&lt;/g, '<').replace(/&gt;/g, '>')).toContain(typed);
  });

  test('a new question instead of a clarification is answered', async () => {
    const { say } = await newClient();
    await say('Where is it built?');
    expect((await say('Who owns Velora?')).text).toContain('Nordhaven Group');
  });

  test('remembers the topic: a fragment follow-up and a pronoun', async () => {
    const { say } = await newClient();
    await say('Where is the Strada built?');
    expect((await say('And the Terra?')).text).toContain('Porto Workshop');
    expect((await say('Where is it made?')).text).toContain('Porto Workshop');
  });

  test.each<[string, [string, string][]]>([
    ['a correction', [['Where is the Strada built?', 'Utrecht Workshop'], ['sorry, I meant the Terra', 'Porto Workshop']]],
    ['a return after an aside', [['Where is the Terra built?', 'Porto Workshop'], ['How much does a Terra cost?', "don't know"], ['so where is it built then?', 'Porto Workshop']]],
    ['a compound question', [['who owns Velora and when was it founded?', 'Nordhaven Group'], ['where?', 'Utrecht']]],
    ['a statement with a tag', [['the Strada is built in Portugal, right?', 'No. The Strada is built at the Utrecht Workshop']]],
  ])('keeps the conversation frame in the conversation state: %s', async (_move, turns) => {
    const { say } = await newClient();
    for (const [says, replies] of turns) expect((await say(says)).text).toContain(replies);
  });

  test('questions it cannot answer are logged for the maintainer', async () => {
    const { say, log } = await newClient();
    const reply = await say('How much does a Strada cost?');
    expect(reply.text).toMatch(/don't know/);
    expect(buttons(reply).length).toBeGreaterThan(0);
    expect(log.unanswered).toEqual(['How much does a Strada cost?']);
  });

  test('in Teams the buttons come in a hero card', async () => {
    const { say } = await newClient('msteams');
    const reply = await say('Where is it built?');
    expect(reply.suggestedActions).toBeUndefined();
    expect(reply.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(buttons(reply)).toEqual(['Strada', 'Terra']);
  });

  describe('"Did you mean…" when two intents are close', () => {
    const question = 'tell me about when and where velora was founded';

    test('offers both and "None of the above"; the choice is answered and recorded', async () => {
      const { say, log } = await newClient();
      const offer = await say(question);
      expect(offer.text).toBe('Did you mean:');
      expect(buttons(offer)).toEqual(expect.arrayContaining(['When the company was founded', 'Where the company was founded', 'None of the above']));
      expect((await say('When the company was founded')).text).toContain('founded in 1987');
      expect(log.choices).toEqual(['founded']);
    });

    test('"None of the above" gets an honest answer and is recorded', async () => {
      const { say, log } = await newClient();
      await say(question);
      expect((await say('None of the above')).text).toMatch(/don't know/);
      expect(log.choices).toEqual(['none']);
      expect(log.unanswered).toEqual([question]);
    });
  });
});
