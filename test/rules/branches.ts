import { BASE, type Files } from './run-rule.js';

/**
 * BASE plus one scenario "seq" in more.yaml whose `steps:` are the given lines (indented
 * six spaces, as list items under steps:); its first step is on line 9.
 */
export const withFlow = (lines: string[], extra = ''): Files => ({
  ...BASE,
  'more.yaml': `scenarios:\n  - id: seq\n    name: Sequence\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: cart_abandoned }\n    steps:\n${lines.map((line) => `      ${line}\n`).join('')}${extra}`,
});
