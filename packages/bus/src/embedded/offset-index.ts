/** Offset → byte position of its frame, for one partition log: 8 bytes a record, grown by doubling. */
export class OffsetIndex {
  #positions = new Float64Array(1024);
  #count = 0;

  /** How many records the log holds: the next offset. */
  get count(): number {
    return this.#count;
  }

  push(position: number): void {
    if (this.#count === this.#positions.length) {
      const grown = new Float64Array(this.#positions.length * 2);
      grown.set(this.#positions);
      this.#positions = grown;
    }
    this.#positions[this.#count++] = position;
  }

  /** The byte position of `offset`'s frame. */
  positionOf(offset: number): number {
    if (offset < 0 || offset >= this.#count) throw new RangeError(`offset ${offset} is outside [0, ${this.#count})`);
    return this.#positions[offset]!;
  }
}
