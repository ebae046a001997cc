/**
 * A seedable pseudo-random generator: xoshiro128** (Blackman & Vigna) seeded through
 * splitmix32. Integer arithmetic only, so the same seed gives the same numbers on every
 * machine. Normals use the Box–Muller transform z = √(−2 ln u₁) cos(2πu₂), caching the
 * sine twin.
 */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | undefined;
  private seedValue = 0;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Reset the state from a seed (any finite number; its integer part is used). */
  manualSeed(seed: number): this {
    if (!Number.isFinite(seed)) throw new RangeError(`Generator.manualSeed: expected a finite number, got ${seed}`);
    this.seedValue = seed;
    let x = Math.trunc(seed) >>> 0;
    const hi = Math.trunc(seed / 2 ** 32) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x ^ hi;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spareNormal = undefined;
    return this;
  }

  /** The seed this generator was last seeded with. */
  initialSeed(): number {
    return this.seedValue;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [low, high). */
  randint(low: number, high: number): number {
    const span = high - low;
    if (!(span >= 1)) throw new RangeError(`randint: expected low < high, got [${low}, ${high})`);
    return low + Math.floor(this.random() * span);
  }

  /** A standard normal N(0, 1) sample. */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    let u1 = this.random();
    while (u1 === 0) u1 = this.random();
    const u2 = this.random();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Snapshot of the internal state (to resume a stream exactly). */
  getState(): number[] {
    return [this.s0, this.s1, this.s2, this.s3, this.spareNormal ?? Number.NaN, this.seedValue];
  }

  setState(state: readonly number[]): this {
    if (state.length !== 6) throw new RangeError(`Generator.setState: expected 6 numbers, got ${state.length}`);
    [this.s0, this.s1, this.s2, this.s3] = state.slice(0, 4).map((v) => v >>> 0) as [number, number, number, number];
    const spare = state[4]!;
    this.spareNormal = Number.isNaN(spare) ? undefined : spare;
    this.seedValue = state[5]!;
    return this;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

let globalGenerator = new Generator(0);

/** Seed the global generator that random ops use when none is passed. */
export function manualSeed(seed: number): Generator {
  globalGenerator = new Generator(seed);
  return globalGenerator;
}

/** The global generator (seeded by `manualSeed`, 0 by default). */
export function defaultGenerator(): Generator {
  return globalGenerator;
}
