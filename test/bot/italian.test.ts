import { BotClient, buttonsOf, visibleText } from '../../scripts/lib/botClient';
import { startTestApp, type TestApp } from '../support/app';

describe('conversations in Italian, over HTTP', () => {
  let app: TestApp;
  let client: BotClient;
  let n = 0;
  beforeAll(async () => {
    app = await startTestApp();
    client = new BotClient(app.url, 'emulator');
  });
  afterAll(() => app.close());

  /** Plays a conversation: each line is [user says, texts the reply must contain, texts it must not]. */
  async function play(lines: [string, string[], string[]?][], locale = 'en-US') {
    const conversation = `it-${++n}`;
    for (const [say, wanted, unwanted = []] of lines) {
      const text = visibleText(await client.post(client.activity(conversation, say, { locale })));
      for (const w of wanted) expect({ say, text }).toEqual({ say, text: expect.stringContaining(w) });
      for (const u of unwanted) expect({ say, text }).toEqual({ say, text: expect.not.stringContaining(u) });
    }
  }

  test.each([
    ['Dove si costruisce la Giulia?', ['Il modello Giulia è prodotto nello stabilimento di Cassino (Italia).', 'Fonte:']],
    ['Chi possiede il marchio?', ['Alfa Romeo è di proprietà di Stellantis.', 'Nota:', 'Fonti:']],
    ["Dov'è prodotto il Tonale?", ['stabilimento di Pomigliano']],
    ["Quando è stata fondata l'Alfa Romeo?", ['fondata a Milano, Italia', '1910']],
    ['La Giulia è prodotta in Messico?', ['No.', 'Cassino']],
    ['Chi è il CEO?', ['L’amministratore delegato di Alfa Romeo è Jean-Philippe Imparato.']],
    ['Le Alfa Romeo sono affidabili?', ['Ecco cosa dicono le mie fonti (in inglese): Alfa Romeo has made significant improvements in reliability']],
    ['Quanto costa un Tonale?', ['Mi dispiace, non lo so.']],
    ['buonasera a tutti', ['Alfa Romeo']],
    // A fragment told by a word of the language's own texts ("stabilimento"), the name being the same in both.
    ['stabilimento Giulia', ['Cassino']],
    ['fabbrica Tonale', ['Pomigliano']],
  ])('%s', (say, wanted) => play([[say, wanted, ['Source:', 'Hi!']]]));

  test('follow-ups: another model, another plant, then where it comes from', () =>
    play([
      ['Dove viene prodotto il Tonale?', ['Pomigliano']],
      ['E la Giulia?', ['Cassino'], ['Pomigliano']],
      ['Cosa si produce a Cassino?', ['Giulia', 'Stelvio']],
      ['E a Pomigliano?', ['Tonale'], ['Stelvio']],
      ['qual è la fonte?', ['Viene da “Alfa Romeo Considers Assembling EVs In America”']],
    ]));

  test('a correction, a compound question and a tag question, as in English', () =>
    play([
      ['Dove si costruisce lo Stelvio?', ['Cassino']],
      ['no, intendevo il Tonale', ['Pomigliano'], ['Cassino']],
      ['Chi è il CEO e chi è il proprietario di Alfa Romeo?', ['Jean-Philippe Imparato', 'Stellantis']],
      ['la Giulia è fatta in Messico, vero?', ['No.', 'Cassino']],
    ]));

  test('operations on the last list, said in Italian', () =>
    play([
      ['In quali stabilimenti produce Alfa Romeo?', ['Cassino', 'Toluca']],
      ['quali di questi sono in Italia?', ['Di questi, in Italia:', 'Melfi e stabilimento di Modena'], ['Toluca', ' and ']],
      ['quanti sono?', ['Sono 5:'], [' and ']],
    ]));

  test('the conversation keeps its language on a short message, and switches when the person does', () =>
    play([
      ['Chi è il proprietario di Alfa Romeo?', ['di proprietà di Stellantis']],
      ['Tonale?', ['Ecco cosa dicono le mie fonti su Tonale:', 'Fonte:']],
      ['Who owns Alfa Romeo?', ['Alfa Romeo is owned by Stellantis.', 'Sources:']],
      ['Stelvio?', ['Stelvio'], ['Cosa', 'Il modello']],
      ['Grazie mille!', ['Prego']],
    ]));

  test('a first message with an Italian locale and no telling word is answered in Italian', () =>
    play([['Stelvio?', ['Ecco cosa dicono le mie fonti su Stelvio:']], ['E il Tonale?', ['Tonale'], ['What', 'The Tonale']]], 'it-IT'));

  test.each(['¿Dónde se fabrica el Tonale?', 'Qui possède Alfa Romeo ?', 'Wo wird der Tonale gebaut?'])(
    '%s: a short reply in English naming the languages spoken, never a passage',
    async (say) => {
      const turn = await client.send(`it-${++n}`, say);
      expect(visibleText(turn)).toBe('Sorry, I can only answer in these languages: English, italiano.');
      expect(buttonsOf(turn)).toEqual(['Where is the Tonale made?', 'Who owns Alfa Romeo?', 'Is Alfa Romeo building a plant in the US?']);
    },
  );

  test('Teams: the welcome follows the locale of the activity', async () => {
    const teams = new BotClient(app.url, 'msteams');
    const welcome = (locale: string) =>
      teams.post(teams.activity(`teams-${++n}`, '', { type: 'conversationUpdate', locale, membersAdded: [{ id: 'user-1', name: 'User' }] }));
    expect(visibleText(await welcome('it-IT'))).toContain('Ciao! Rispondo a domande su dove vengono prodotte le auto Alfa Romeo');
    expect(visibleText(await welcome('en-US'))).toContain('Hi! I answer questions about where Alfa Romeo cars are made');
  });
});
