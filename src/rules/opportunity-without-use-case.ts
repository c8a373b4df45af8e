import { touchpointWithoutUseCase } from './touchpoint-without-use-case.js';

export const opportunityWithoutUseCase = touchpointWithoutUseCase('opportunity');
