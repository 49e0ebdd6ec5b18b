export { DEFAULT_PARAMS, SkillMapper, type MapperParams, type SkillMatch, type Span } from './mapper.js';
export { TitleMatcher, type LearnedTitleWeights, type OccupationMatch, type TitleEntry } from './occupations.js';
export { buildState, type LearnedWeights, type MapperState } from './state.js';
export { escoDirKey, loadLearnedTitleWeights, loadLearnedWeights, loadModel, tunedParams, type MappingModel, type ModelOptions } from './model.js';
export { ChatProvider, createProvider, EmbeddingProvider, type Candidate, type MappingProvider, type ProviderConfig } from './provider.js';
export { confidentMatches, demandProfile, extractSkills, MAX_TOP, matchOccupations, modelForDatabase, modelForEscoDir, type DemandProfile } from './service.js';
