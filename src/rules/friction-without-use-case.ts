import { touchpointWithoutUseCase } from './touchpoint-without-use-case.js';

export const frictionWithoutUseCase = touchpointWithoutUseCase('friction', 'A friction touchpoint is addressed by no use case.');
