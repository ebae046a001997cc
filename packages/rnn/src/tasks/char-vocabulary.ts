/**
 * A character vocabulary: every distinct character (Unicode code point) of a text, sorted,
 * with its index. Language models read and predict these indices.
 */
export class CharVocabulary {
  readonly chars: readonly string[];
  readonly #index: Map<string, number>;

  constructor(text: string) {
    this.chars = [...new Set(Array.from(text))].sort();
    this.#index = new Map(this.chars.map((c, i) => [c, i]));
  }

  /** Number of characters V. */
  get size(): number {
    return this.chars.length;
  }

  /** The index of every character of `text` (a character outside the vocabulary is a RangeError). */
  encode(text: string): Int32Array {
    const chars = Array.from(text);
    const ids = new Int32Array(chars.length);
    chars.forEach((c, i) => {
      const id = this.#index.get(c);
      if (id === undefined)
        throw new RangeError(
          `CharVocabulary.encode: '${c}' (U+${c.codePointAt(0)!.toString(16)}) is not in the vocabulary`,
        );
      ids[i] = id;
    });
    return ids;
  }

  /** The text of a list of indices. */
  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) {
      const c = this.chars[ids[i]!];
      if (c === undefined)
        throw new RangeError(`CharVocabulary.decode: index ${ids[i]} is out of range 0 … ${this.size - 1}`);
      text += c;
    }
    return text;
  }
}
