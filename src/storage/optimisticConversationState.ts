import { ConversationState, UserState, type StatePropertyAccessor, type Storage, type StoreItem, type TurnContext } from 'botbuilder';
import { LoadedState, StateProperty } from './loadedState';

/**
 * ConversationState whose saves are checked against the eTag the turn read.
 *
 * botbuilder's BotState.saveChanges writes with eTag '*', so when two instances run turns of the
 * same conversation at once the later save silently overwrites the earlier one. This class writes
 * with the eTag from load(), so the later save fails with an eTag conflict instead (see
 * isETagConflict). Within one process, ConversationTurnQueue keeps turns from colliding at all.
 * Changes are detected by comparing JSON (see LoadedState) rather than by BotState's hashes.
 */
export class OptimisticConversationState extends ConversationState {
  private readonly loaded: LoadedState;

  constructor(storage: Storage, namespace?: string) {
    super(storage, namespace);
    this.loaded = new LoadedState(storage, (context) => this.storageKey(context));
  }

  override createProperty<T = unknown>(name: string): StatePropertyAccessor<T> {
    return new StateProperty<T>(this, name);
  }

  override load(context: TurnContext, force = false): Promise<StoreItem> {
    return this.loaded.load(context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return this.loaded.save(context, force, true);
  }

  override get(context: TurnContext): StoreItem | undefined {
    return this.loaded.get(context);
  }

  override clear(context: TurnContext): Promise<void> {
    this.loaded.clear(context);
    return Promise.resolve();
  }

  override async delete(context: TurnContext): Promise<void> {
    this.loaded.forget(context);
    await this.storage.delete([await this.storageKey(context)]);
  }
}

/** botbuilder's UserState (saves overwrite, eTag '*'), with the cheaper change detection of LoadedState. */
export class LeanUserState extends UserState {
  private readonly loaded: LoadedState;

  constructor(storage: Storage, namespace?: string) {
    super(storage, namespace);
    this.loaded = new LoadedState(storage, (context) => this.storageKey(context));
  }

  override createProperty<T = unknown>(name: string): StatePropertyAccessor<T> {
    return new StateProperty<T>(this, name);
  }

  override load(context: TurnContext, force = false): Promise<StoreItem> {
    return this.loaded.load(context, force);
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return this.loaded.save(context, force, false);
  }

  override get(context: TurnContext): StoreItem | undefined {
    return this.loaded.get(context);
  }

  override clear(context: TurnContext): Promise<void> {
    this.loaded.clear(context);
    return Promise.resolve();
  }

  override async delete(context: TurnContext): Promise<void> {
    this.loaded.forget(context);
    await this.storage.delete([await this.storageKey(context)]);
  }
}
