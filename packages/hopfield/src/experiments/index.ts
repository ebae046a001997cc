import { boltzmannGibbsExperiment } from './boltzmann-gibbs.js';
import { boltzmannLearningExperiment } from './boltzmann-learning.js';
import { capacitySnrExperiment } from './capacity-snr.js';
import { cdmaBerExperiment } from './cdma-ber.js';
import { cdmaLoadExperiment } from './cdma-load.js';
import { complementaryPriorExperiment } from './complementary-prior.js';
import { dbnDigitsExperiment } from './dbn-digits.js';
import { energyDescentExperiment } from './energy-descent.js';
import { rbmBarsAndStripesExperiment } from './rbm-bars-and-stripes.js';
import { retrievalOverlapExperiment } from './retrieval-overlap.js';
import type { HopfieldExperiment } from './types.js';

export type {
  ExperimentResult,
  Figure,
  HopfieldExperiment,
  Image,
  RunOptions,
  Series,
  Size,
  Verdict,
} from './types.js';
export {
  boltzmannGibbsExperiment,
  boltzmannLearningExperiment,
  capacitySnrExperiment,
  cdmaBerExperiment,
  cdmaLoadExperiment,
  complementaryPriorExperiment,
  dbnDigitsExperiment,
  energyDescentExperiment,
  rbmBarsAndStripesExperiment,
  retrievalOverlapExperiment,
};

/** The chapter's claims of §6.1.6–6.1.7 as experiments, in the order the sections tell them. */
export const experiments: readonly HopfieldExperiment[] = [
  boltzmannGibbsExperiment,
  boltzmannLearningExperiment,
  rbmBarsAndStripesExperiment,
  complementaryPriorExperiment,
  dbnDigitsExperiment,
  energyDescentExperiment,
  capacitySnrExperiment,
  retrievalOverlapExperiment,
  cdmaBerExperiment,
  cdmaLoadExperiment,
];
