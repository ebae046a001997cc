import { Generator } from '@shinkei/core-tensor';
import { flipBits, HopfieldNetwork, overlap, randomPatterns } from '@shinkei/hopfield';

const generator = new Generator(0);
const patterns = randomPatterns(10, 200, { generator }); // 10 memories of 200 spins: load α = 0.05
const memory = new HopfieldNetwork(200).store(patterns); // Hebb rule wᵢⱼ = (1/N) Σ_μ ξᵢ^μ ξⱼ^μ
const stored = patterns.data.subarray(0, 200); // ξ¹
const probe = flipBits(stored, 40, { generator }); // 20% of its bits flipped
const { state, sweeps } = memory.recall(probe, { generator }); // asynchronous updates until nothing changes
console.log(`overlap ${overlap(probe, stored)} → ${overlap(state, stored)} in ${sweeps} sweeps`);
