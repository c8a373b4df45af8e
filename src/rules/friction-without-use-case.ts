import { touchpointWithoutUseCase } from './touchpoint-without-use-case.js';

export const frictionWithoutUseCase = touchpointWithoutUseCase('friction');
