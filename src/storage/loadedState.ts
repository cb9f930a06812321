import type { StatePropertyAccessor, Storage, StoreItem, TurnContext } from 'botbuilder';
import { handOverWrite, jsonOfRead } from './itemJson';

/** What a turn loaded: the live state object, its JSON at load (or last save), and the eTag to save against. */
interface Loaded {
  readonly state: StoreItem;
  readonly json: string;
  readonly eTag: string;
}

/**
 * A BotState's per-turn cache, with cheaper change detection than botbuilder's. BotState hashes the
 * state (a JSON.stringify with a replacer, then SHA-256) when it loads, when it checks for changes
 * and again after it writes; this keeps the plain JSON (eTag left out) of what was loaded and
 * compares strings: one stringify at save, and one at load unless the storage hands the JSON over
 * (see itemJson). State is plain JSON data (it is stored as JSON), so equal JSON means nothing changed.
 */
export class LoadedState {
  private readonly slot = Symbol('loadedState');

  constructor(
    private readonly storage: Storage,
    private readonly keyOf: (context: TurnContext) => string | Promise<string>,
  ) {}

  async load(context: TurnContext, force: boolean): Promise<StoreItem> {
    const cached: Loaded | undefined = context.turnState.get(this.slot);
    if (cached && !force) return cached.state;
    const key = await this.keyOf(context);
    const items = await this.storage.read([key]);
    const state: StoreItem = items[key] ?? {};
    const eTag = typeof state.eTag === 'string' ? state.eTag : '*';
    this.remember(context, state, jsonOfRead(state), eTag);
    return state;
  }

  get(context: TurnContext): StoreItem | undefined {
    return (context.turnState.get(this.slot) as Loaded | undefined)?.state;
  }

  /**
   * Writes the state if it changed since it was loaded (or always, with force). `checked`: against
   * the eTag it was loaded with, so a save over someone else's newer one fails; otherwise with '*'.
   * After a save the turn's own later saves overwrite it: they need not be checked against itself.
   */
  async save(context: TurnContext, force: boolean, checked: boolean): Promise<void> {
    const cached: Loaded | undefined = context.turnState.get(this.slot);
    if (!cached && !force) return;
    const state: StoreItem = cached?.state ?? {};
    const { eTag: _loaded, ...content } = state;
    const json = JSON.stringify(content);
    if (!force && cached && cached.json === json) return;
    const key = await this.keyOf(context);
    const item: StoreItem = { ...content, eTag: checked && cached ? cached.eTag : '*' };
    handOverWrite(item, json);
    await this.storage.write({ [key]: item });
    this.remember(context, state, json, '*');
  }

  /** Starts the turn's state afresh (keeping the eTag it was loaded with); the next save writes it whatever it holds. */
  clear(context: TurnContext): void {
    const cached: Loaded | undefined = context.turnState.get(this.slot);
    this.remember(context, {}, '', cached?.eTag ?? '*');
  }

  forget(context: TurnContext): void {
    context.turnState.delete(this.slot);
  }

  private remember(context: TurnContext, state: StoreItem, json: string, eTag: string): void {
    const loaded: Loaded = { state, json, eTag };
    context.turnState.set(this.slot, loaded);
  }
}

/**
 * botbuilder's BotStatePropertyAccessor, written as a native async function: the library's own is
 * compiled to generators, and each of its calls leaves objects that outlive the turn in the heap.
 * Same behaviour: the default is cloned through JSON and stored when the property is missing.
 */
export class StateProperty<T> implements StatePropertyAccessor<T> {
  constructor(
    private readonly state: { load(context: TurnContext): Promise<StoreItem> },
    readonly name: string,
  ) {}

  async get(context: TurnContext): Promise<T | undefined>;
  async get(context: TurnContext, defaultValue: T): Promise<T>;
  async get(context: TurnContext, defaultValue?: T): Promise<T | undefined> {
    const state = await this.state.load(context);
    if (!Object.hasOwn(state, this.name) && defaultValue !== undefined) {
      state[this.name] = typeof defaultValue === 'object' ? JSON.parse(JSON.stringify(defaultValue)) : defaultValue;
    }
    return state[this.name] as T | undefined;
  }

  async set(context: TurnContext, value: T): Promise<void> {
    const state = await this.state.load(context);
    state[this.name] = value;
  }

  async delete(context: TurnContext): Promise<void> {
    const state = await this.state.load(context);
    if (Object.hasOwn(state, this.name)) delete state[this.name];
  }
}
