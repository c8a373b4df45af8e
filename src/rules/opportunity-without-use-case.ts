import { touchpointWithoutUseCase } from './touchpoint-without-use-case.js';

export const opportunityWithoutUseCase = touchpointWithoutUseCase('opportunity', 'An opportunity touchpoint is addressed by no use case.');
