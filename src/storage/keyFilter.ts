import { hash32 } from './stateRecord';

const BITS_PER_KEY = 16;
const PROBES = 4;

/**
 * Which keys a bucket file may hold, in 16 bits a key (a Bloom filter: "no" is certain, "maybe" is
 * wrong about one time in 400). A question about a new conversation is then answered without
 * reading the file. Full once it holds its capacity; the owner then builds a bigger one.
 */
export class KeyFilter {
  private readonly bits: Uint32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.bits = new Uint32Array(Math.ceil((capacity * BITS_PER_KEY) / 32));
  }

  static of(keyJsons: Iterable<string>, count: number): KeyFilter {
    const filter = new KeyFilter(Math.max(256, count * 2));
    for (const keyJson of keyJsons) filter.add(keyJson);
    return filter;
  }

  get full(): boolean {
    return this.count >= this.capacity;
  }

  add(keyJson: string): void {
    this.count += 1;
    for (const bit of this.positions(keyJson)) this.bits[bit >>> 5]! |= 1 << (bit & 31);
  }

  mayHold(keyJson: string): boolean {
    for (const bit of this.positions(keyJson)) if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    return true;
  }

  private *positions(keyJson: string): Generator<number> {
    const size = this.bits.length * 32;
    const a = hash32(keyJson, 0x9747b28c);
    const b = hash32(keyJson, 0x85ebca6b) | 1;
    for (let i = 0; i < PROBES; i++) yield ((a + Math.imul(i, b)) >>> 0) % size;
  }
}
