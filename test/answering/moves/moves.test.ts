/** Each move's own function, on the words alone. */
import { returnTo, withoutDiscourse } from '../../../src/answering/moves/aside';
import { buriedQuestion, tagAsYesNo } from '../../../src/answering/moves/buried';
import { compoundParts } from '../../../src/answering/moves/compound';
import { correctedPart } from '../../../src/answering/moves/correction';
import { listRequest } from '../../../src/answering/moves/lists';
import { topicOf } from '../../../src/answering/moves/topic';
import { englishConversation as en } from '../../../src/nlu/languages/englishConversation';
import { italianConversation as itWords } from '../../../src/nlu/languages/italianConversation';

describe('the moves, word by word', () => {
  test.each([
    ['sorry, I meant the Stelvio', 'the Stelvio'],
    ['no, the Tonale', 'the Tonale'],
    ['not that one, the Pomigliano plant', 'the Pomigliano plant'],
    ['oops, I meant the Giulia', 'the Giulia'],
    ['I meant Cassino', 'Cassino'],
    ['sorry, I meant in Mexico', 'in Mexico'],
    ['Where is the Giulia made?', undefined],
    ['Is the Giulia made in Italy?', undefined],
  ])('correction: %s → %s', (text, part) => expect(correctedPart(text, en)).toBe(part));

  test.each([
    ['the Giulia is made in Mexico, right?', 'is the Giulia made in Mexico?'],
    ["the Tonale is built in Italy, isn't it?", 'is the Tonale built in Italy?'],
    ['and Stelvio is made at Cassino, right?', 'is Stelvio made at Cassino?'],
    ['Stellantis owns Alfa Romeo now, right?', 'does Stellantis owns Alfa Romeo now?'],
    ['Where is the Giulia made?', undefined],
    ['right?', undefined],
  ])('tag statement: %s → %s', (text, question) => expect(tagAsYesNo(text, en)).toBe(question));

  test.each([
    ['who owns the brand and where was it founded?', ['who owns the brand', 'where was it founded?']],
    ['Is Alfa Romeo building a plant in the US, and which plant might it use?', ['Is Alfa Romeo building a plant in the US', 'which plant might it use?']],
    ['opening hours? and how much is the late fee?', ['opening hours?', 'how much is the late fee?']],
    ['and when?', ['and when?']],
    ['tell me about when and where velora was founded', ['tell me about when and where velora was founded']],
    ['Which models are made at Cassino and Pomigliano?', ['Which models are made at Cassino and Pomigliano?']],
  ])('compound: %s', (text, parts) => expect(compoundParts(text, en)).toEqual(parts));

  test('buried: the question sentence of a long message, and the rest', () => {
    expect(buriedQuestion("Hi there! I've loved Italian cars since I was a kid. Where is the Stelvio built? Thanks so much in advance!", en))
      .toEqual({ question: 'Where is the Stelvio built?', rest: "Hi there! I've loved Italian cars since I was a kid. Thanks so much in advance!" });
    expect(buriedQuestion('Where would the U.S. plant be?', en)).toBeUndefined();
    expect(buriedQuestion('I like cars. I really do. I have driven many of them over the years.', en)).toBeUndefined();
  });

  test.each([
    ['ok, back to the Giulia — where is it built?', { to: 'the Giulia', question: 'where is it built?' }],
    ['back to Cassino, where is it?', { to: 'Cassino', question: 'where is it?' }],
    ['back to the Tonale', { to: 'the Tonale' }],
  ])('return: %s', (text, expected) => expect(returnTo(withoutDiscourse(text, en), en)).toEqual(expected));

  test.each([
    ['so where is it made then?', 'where is it made?'],
    ['ok, so is that plant in Illinois?', 'is that plant in Illinois?'],
    ['and is that in Italy?', 'is that in Italy?'],
    ['and the Giulia?', 'and the Giulia?'],
  ])('discourse words: %s → %s', (text, expected) => expect(withoutDiscourse(text, en)).toBe(expected));

  test.each([
    ['which of those are in Mexico?', { kind: 'filter', phrase: 'in Mexico', count: false }],
    ['how many of them are in Italy?', { kind: 'filter', phrase: 'in Italy', count: true }],
    ['are they in Italy?', { kind: 'check', phrase: 'in Italy' }],
    ['all of them?', { kind: 'all' }],
    ['how many is that?', { kind: 'count' }],
    ['the first one?', { kind: 'item', index: 0 }],
    ['and the last one?', { kind: 'item', index: -1 }],
    ['Which models are made at Cassino?', undefined],
  ])('list request: %s', (text, request) => expect(listRequest(text, en)).toEqual(request));

  test.each([
    ['tell me about Portello', 'Portello'],
    ["what's the deal with the Belvidere plant?", 'the Belvidere plant'],
    ['Where is Portello?', undefined],
  ])('topic: %s → %s', (text, topic) => expect(topicOf(text, en)).toBe(topic));
});

describe('the moves in Italian, word by word', () => {
  test.each([
    ['no, intendevo il Tonale', 'il Tonale'],
    ['scusa, volevo dire lo Stelvio', 'lo Stelvio'],
    ['anzi, la Giulia', 'la Giulia'],
    ['intendevo Cassino', 'Cassino'],
    ['Dove si costruisce la Giulia?', undefined],
  ])('correction: %s → %s', (text, part) => expect(correctedPart(text, itWords)).toBe(part));

  test.each([
    ['la Giulia è fatta in Messico, vero?', 'la Giulia è fatta in Messico?'],
    ['e lo Stelvio lo fanno a Cassino, giusto?', 'lo Stelvio lo fanno a Cassino?'],
    ['vero?', undefined],
    ['Dove si costruisce la Giulia?', undefined],
  ])('tag statement: %s → %s', (text, question) => expect(tagAsYesNo(text, itWords)).toBe(question));

  test.each([
    ['Chi è il CEO e chi è il proprietario?', ['Chi è il CEO', 'chi è il proprietario?']],
    ["Dov'è fatto il Tonale e quando è stata fondata l'Alfa?", ["Dov'è fatto il Tonale", "quando è stata fondata l'Alfa?"]],
    ['Quali modelli fanno a Cassino e a Pomigliano?', ['Quali modelli fanno a Cassino e a Pomigliano?']],
    ['Perché e quando?', ['Perché e quando?']],
  ])('compound: %s', (text, parts) => expect(compoundParts(text, itWords)).toEqual(parts));

  test.each([
    ["ciao! ma è vero che l'Alfa apre in America?", "è vero che l'Alfa apre in America?"],
    ['allora, dove fanno la Giulia?', 'dove fanno la Giulia?'],
    ['buonasera a tutti', 'buonasera a tutti'],
    ['dove la fanno, per favore?', 'dove la fanno?'],
  ])('discourse words: %s → %s', (text, expected) => expect(withoutDiscourse(text, itWords)).toBe(expected));

  test.each([
    ['torniamo alla Giulia: dove la fanno?', { to: 'Giulia', question: 'dove la fanno?' }],
    ['tornando al Tonale', { to: 'Tonale' }],
  ])('return: %s', (text, expected) => expect(returnTo(text, itWords)).toEqual(expected));

  test.each([
    ['quali di questi sono in Italia?', { kind: 'filter', phrase: 'in Italia', count: false }],
    ['quanti di questi sono in Messico?', { kind: 'filter', phrase: 'in Messico', count: true }],
    ['sono tutti in Italia?', { kind: 'check', phrase: 'in Italia' }],
    ['tutti?', { kind: 'all' }],
    ['quanti sono?', { kind: 'count' }],
    ['e il primo?', { kind: 'item', index: 0 }],
    ["l'ultimo?", { kind: 'item', index: -1 }],
    ['Quali modelli fanno a Cassino?', undefined],
  ])('list request: %s', (text, request) => expect(listRequest(text, itWords)).toEqual(request));

  test.each([
    ['parlami del Portello', 'Portello'],
    ["dimmi qualcosa sull'Alfa Romeo", 'Alfa Romeo'],
    ['cosa sai di Belvidere?', 'Belvidere'],
    ['Dove si trova il Portello?', undefined],
  ])('topic: %s → %s', (text, topic) => expect(topicOf(text, itWords)).toBe(topic));
});
