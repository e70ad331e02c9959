/** `npm run test:fuzz`: the reference parser's properties with IMAGEREF_FUZZ_RUNS cases each (100,000 there). */
import { describeReferenceProperties } from './referenceProperties';
import { fuzzRuns } from './referenceArbitraries';

describeReferenceProperties('fuzz: reference parser against distribution/reference', fuzzRuns(2000));
