import { ConversationState, calculateChangeHash, type StoreItem, type TurnContext } from 'botbuilder';

/** What this turn loaded: the eTag to write against and the hash to detect changes. */
interface Baseline {
  readonly eTag: string | undefined;
  readonly hash: string;
}

/**
 * ConversationState whose saves are checked against the eTag the turn read.
 *
 * botbuilder's BotState.saveChanges writes with eTag '*', so when two instances run turns of the
 * same conversation at once the later save silently overwrites the earlier one. This class writes
 * with the eTag from load(), so the later save fails with an eTag conflict instead (see
 * isETagConflict). Within one process, ConversationTurnQueue keeps turns from colliding at all.
 */
export class OptimisticConversationState extends ConversationState {
  private readonly baselineKey = Symbol('optimisticBaseline');

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const before: unknown = this.get(context);
    const state: StoreItem = await super.load(context, force);
    // Only a real read sets the baseline; returning the cached object must not move it.
    if (state !== before) this.setBaseline(context, typeof state.eTag === 'string' ? state.eTag : undefined, state);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state: StoreItem | undefined = this.get(context);
    const baseline: Baseline | undefined = context.turnState.get(this.baselineKey);
    if (!state && !force) return;
    const current: StoreItem = state ?? {};
    if (!force && baseline && baseline.hash === calculateChangeHash(current)) return;

    const key = await this.storageKey(context);
    const { eTag: _loadedETag, ...content } = current;
    await this.storage.write({ [key]: { ...content, eTag: baseline?.eTag ?? '*' } });
    // The storage does not report the new eTag; this turn's own later saves need not be checked
    // against itself, so they may overwrite.
    this.setBaseline(context, '*', current);
  }

  private setBaseline(context: TurnContext, eTag: string | undefined, state: StoreItem): void {
    const baseline: Baseline = { eTag, hash: calculateChangeHash(state) };
    context.turnState.set(this.baselineKey, baseline);
  }
}
