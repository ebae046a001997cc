import { Generator } from '@shinkei/core-tensor';
import { describe, expect, it } from 'vitest';
import { cdma } from '../src/index.js';

const { spreadingCodes, bpskSymbols, transmit } = cdma;

describe('channel', () => {
  it('codes are ±1/√N with unit energy, symbols are ±1, y = Sb without noise', () => {
    const g = new Generator(1);
    const codes = spreadingCodes(16, 4, { generator: g });
    for (const v of codes.data) expect(Math.abs(v)).toBeCloseTo(0.25, 15);
    const bits = bpskSymbols(4, { generator: g });
    for (const b of bits.data) expect(Math.abs(b)).toBe(1);
    expect(transmit(codes, bits, 0, { generator: g })).toBeAllClose(codes.matmul(bits), { atol: 1e-12 });
    expect(cdma.noiseStdForSnr(20)).toBeCloseTo(0.1, 15);
    expect(cdma.singleUserBitErrorRate(10)).toBeCloseTo(7.827e-4, 6);
  });

  it('every detector recovers the bits of a noiseless channel with K ≤ N', () => {
    const g = new Generator(2);
    const codes = spreadingCodes(16, 6, { generator: g });
    const bits = bpskSymbols(6, { generator: g });
    const y = transmit(codes, bits, 0, { generator: g });
    expect(cdma.decorrelatorDetector(codes, y)).toBeAllClose(bits);
    expect(cdma.maximumLikelihoodDetector(codes, y)).toBeAllClose(bits);
    expect(cdma.matchedFilter(codes, y)).toBeAllClose(codes.t().matmul(y), { atol: 1e-12 });
  });

  it('maximum likelihood is the exhaustive argmin of ‖y − Sb‖², and Hopfield descent never ends above the MF start', () => {
    const g = new Generator(3);
    for (let trial = 0; trial < 20; trial++) {
      const codes = spreadingCodes(8, 6, { generator: g });
      const y = transmit(codes, bpskSymbols(6, { generator: g }), 0.8, { generator: g });
      const cost = (b: Float64Array | number[]): number => {
        let sum = 0;
        for (let i = 0; i < 8; i++) {
          let chip = y.data[i]!;
          for (let k = 0; k < 6; k++) chip -= codes.data[i * 6 + k]! * b[k]!;
          sum += chip * chip;
        }
        return sum;
      };
      let best = Number.POSITIVE_INFINITY;
      for (let s = 0; s < 64; s++)
        best = Math.min(best, cost(Array.from({ length: 6 }, (_, k) => ((s >> k) & 1 ? 1 : -1))));
      expect(cost(cdma.maximumLikelihoodDetector(codes, y).data as Float64Array)).toBeCloseTo(best, 10);
      const hopfield = cost(cdma.hopfieldDetector(codes, y).data as Float64Array);
      expect(hopfield).toBeLessThanOrEqual(cost(cdma.matchedFilterDetector(codes, y).data as Float64Array) + 1e-12);
      expect(hopfield).toBeGreaterThanOrEqual(best - 1e-12);
    }
  });

  it('the detection network\u2019s energy is ½‖y − Sb‖² up to a constant', () => {
    const g = new Generator(4);
    const codes = spreadingCodes(12, 5, { generator: g });
    const y = transmit(codes, bpskSymbols(5, { generator: g }), 0.5, { generator: g });
    const network = cdma.detectionNetwork(codes, y);
    const offsets = Array.from({ length: 8 }, () => {
      const b = bpskSymbols(5, { generator: g });
      const residual = y.sub(codes.matmul(b));
      return network.energy(b) - 0.5 * residual.dot(residual).item();
    });
    for (const offset of offsets) expect(offset).toBeCloseTo(offsets[0]!, 10);
  });

  it('rejects inconsistent shapes and too many users for exhaustive search', () => {
    const codes = spreadingCodes(8, 3);
    expect(() => cdma.matchedFilterDetector(codes, [1, 2, 3])).toThrow(/8 chips, received 3/);
    expect(() => transmit(codes, [1, 1], 0)).toThrow(/3 users, got 2 bits/);
    const many = spreadingCodes(24, 21);
    expect(() => cdma.maximumLikelihoodDetector(many, new Array(24).fill(0))).toThrow(/K ≤ 20/);
  });
});

describe('bit-error rates', () => {
  it('claim: K = 8, N = 16 over 20 000 symbols — ML ≤ Hopfield < matched filter, Hopfield < 0.8 × MF at 6 dB', () => {
    const generator = new Generator(5);
    for (const snrDb of [6, 10]) {
      const { bitErrorRate: ber, bits } = cdma.simulateBitErrorRates({
        users: 8,
        chips: 16,
        snrDb,
        symbols: 20000,
        generator,
      });
      expect(bits).toBe(160000);
      expect(ber['maximum-likelihood']!).toBeLessThanOrEqual(ber.hopfield!);
      expect(ber.hopfield!).toBeLessThan(ber['matched-filter']!);
      expect(ber['maximum-likelihood']!).toBeGreaterThanOrEqual(cdma.singleUserBitErrorRate(snrDb) * 0.8);
      if (snrDb === 6) expect(ber.hopfield!).toBeLessThan(0.8 * ber['matched-filter']!);
      // The Gaussian approximation of the matched filter's interference holds to a few percent.
      expect(ber['matched-filter']! / cdma.matchedFilterBitErrorRateApproximation(snrDb, 8, 16)).toBeCloseTo(1, 1);
    }
  });

  it('claim: detection degrades sharply with the load β = K/N', () => {
    const generator = new Generator(6);
    const hopfieldBer = (users: number) =>
      cdma.simulateBitErrorRates({ users, chips: 16, snrDb: 10, symbols: 4000, detectors: ['hopfield'], generator })
        .bitErrorRate.hopfield!;
    const light = hopfieldBer(2);
    const full = hopfieldBer(16);
    expect(full).toBeGreaterThan(10 * light);
    expect(hopfieldBer(32)).toBeGreaterThan(full);
  });
});
