import { type BotState, ConversationState, UserState, type StatePropertyAccessor, type Storage, type StoreItem, type TurnContext } from 'botbuilder';
import { LoadedState, StateProperty } from './loadedState';

/** A BotState class built from a storage and a namespace, as ConversationState and UserState are. */
type NamespacedState<T extends BotState> = new (storage: Storage, namespace?: string) => T;

/**
 * The given BotState class with LoadedState's cheaper change detection (comparing JSON rather than
 * BotState's hashes), saving with the eTag the turn read or with '*'.
 */
function withLoadedState<T extends BotState>(Base: NamespacedState<T>, checksETag: boolean) {
  const Lean = Base as unknown as NamespacedState<BotState>;
  return class extends Lean {
    private readonly loaded: LoadedState;

    constructor(storage: Storage, namespace?: string) {
      super(storage, namespace);
      this.loaded = new LoadedState(storage, (context) => this.storageKey(context));
    }

    override createProperty<P = unknown>(name: string): StatePropertyAccessor<P> {
      return new StateProperty<P>(this, name);
    }

    override load(context: TurnContext, force = false): Promise<StoreItem> {
      return this.loaded.load(context, force);
    }

    override saveChanges(context: TurnContext, force = false): Promise<void> {
      return this.loaded.save(context, force, checksETag);
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
  } as unknown as NamespacedState<T>;
}

/**
 * ConversationState whose saves are checked against the eTag the turn read.
 *
 * botbuilder's BotState.saveChanges writes with eTag '*', so when two instances run turns of the
 * same conversation at once the later save silently overwrites the earlier one. This class writes
 * with the eTag from load(), so the later save fails with an eTag conflict instead (see
 * isETagConflict). Within one process, ConversationTurnQueue keeps turns from colliding at all.
 * Changes are detected by comparing JSON (see LoadedState) rather than by BotState's hashes.
 */
export class OptimisticConversationState extends withLoadedState(ConversationState, true) {}

/** botbuilder's UserState (saves overwrite, eTag '*'), with the cheaper change detection of LoadedState. */
export class LeanUserState extends withLoadedState(UserState, false) {}
