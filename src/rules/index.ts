import type { Rule } from './create-rule.js';
import { channelWithoutTouchpoint } from './channel-without-touchpoint.js';
import { duplicateId } from './duplicate-id.js';
import { duplicateStepId } from './duplicate-step-id.js';
import { emailSubjectLength } from './email-subject-length.js';
import { emptyBranch } from './empty-branch.js';
import { emptySequence } from './empty-sequence.js';
import { frictionWithoutUseCase } from './friction-without-use-case.js';
import { marketingPressure } from './marketing-pressure.js';
import { missingConsent } from './missing-consent.js';
import { missingOwner } from './missing-owner.js';
import { opportunityWithoutUseCase } from './opportunity-without-use-case.js';
import { quietHours } from './quiet-hours.js';
import { schema } from './schema.js';
import { smsLength } from './sms-length.js';
import { smsOptOut } from './sms-opt-out.js';
import { suppressionDirective } from './suppression-directive.js';
import { unusedSuppression } from './unused-suppression.js';
import { splitPercentages } from './split-percentages.js';
import { templateSyntax } from './template-syntax.js';
import { undeclaredTemplateVariable } from './undeclared-template-variable.js';
import { unknownAssumption } from './unknown-assumption.js';
import { unknownReference } from './unknown-reference.js';
import { unorderedSteps } from './unordered-steps.js';
import { unproducedEvent } from './unproduced-event.js';
import { misspelledEvent } from './misspelled-event.js';
import { unreachableStep } from './unreachable-step.js';
import { loopWithoutWait } from './loop-without-wait.js';
import { unusedSource } from './unused-source.js';
import { unusedVariable } from './unused-variable.js';
import { useCaseWithoutScenario } from './use-case-without-scenario.js';
import { variableWithoutSource } from './variable-without-source.js';
import { yamlSyntax } from './yaml-syntax.js';

/** Every rule, in the order `omni rules` lists them. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  duplicateId,
  duplicateStepId,
  unknownReference,
  unknownAssumption,
  variableWithoutSource,
  undeclaredTemplateVariable,
  templateSyntax,
  emptySequence,
  unorderedSteps,
  splitPercentages,
  emptyBranch,
  unreachableStep,
  loopWithoutWait,
  unproducedEvent,
  misspelledEvent,
  missingConsent,
  marketingPressure,
  quietHours,
  opportunityWithoutUseCase,
  frictionWithoutUseCase,
  useCaseWithoutScenario,
  channelWithoutTouchpoint,
  unusedVariable,
  unusedSource,
  smsLength,
  smsOptOut,
  emailSubjectLength,
  missingOwner,
  suppressionDirective,
  unusedSuppression,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

const BUILT_IN: ReadonlySet<Rule> = new Set(RULES);

/** Whether the rule is one of omni's own (not a house rule or a plugin's). */
export const isBuiltInRule = (rule: Rule): boolean => BUILT_IN.has(rule);

/**
 * Whether a rule's findings per file can be replayed for files that did not change (see
 * RuleMeta.locality): what omni diff and the language server both ask.
 */
export const isReplayablePerFile = (rule: Rule): boolean => rule.locality === 'scenario' && BUILT_IN.has(rule);
