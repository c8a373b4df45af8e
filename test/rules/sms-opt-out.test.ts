import { BASE, ruleTester } from './run-rule.js';

const files = (opts: { programPurpose?: string; scenarioPurpose?: string; stepPurpose?: string; message?: string; config?: string }) => {
  const result: Record<string, string> = {
    ...BASE,
    'sms.yaml':
      `channels:\n  - { id: sms, name: SMS, type: online }\ntouchpoints:\n  - { id: sms-t, name: SMS, stage: buy, channel: sms, status: normal }\n` +
      `programs:\n  - { id: promo, name: Promo${opts.programPurpose ? `, purpose: ${opts.programPurpose}` : ''} }\n` +
      `scenarios:\n  - id: sale\n    name: Sale\n    program: promo\n    lifecycle: activation\n    target: all\n` +
      (opts.scenarioPurpose ? `    purpose: ${opts.scenarioPurpose}\n` : '') +
      `    trigger: { type: event, event: e }\n    steps:\n      - after: "0"\n        channel: sms\n` +
      (opts.stepPurpose ? `        purpose: ${opts.stepPurpose}\n` : '') +
      (opts.message !== undefined ? `        message: ${JSON.stringify(opts.message)}\n` : ''),
  };
  if (opts.config) result['omni.yaml'] = opts.config;
  return result;
};

const finding = (line: number, column: number) => ({
  ruleId: 'sms-opt-out',
  message: 'marketing SMS of scenario "sale" has no opt-out mention',
  line,
  column,
  suggestion: 'end the message with "STOP au 36xxx", the short number of your SMS provider',
});

ruleTester('sms-opt-out', {
  valid: [
    { name: 'STOP au and a short number', files: files({ programPurpose: 'marketing', message: '-30 % ce week-end. STOP au 36111' }) },
    { name: 'STOP SMS and a short number', files: files({ programPurpose: 'marketing', message: '-30 %. STOP SMS 36105' }) },
    { name: 'STOP : and a short number', files: files({ programPurpose: 'marketing', message: '-30 %. STOP : 36063' }) },
    { name: 'a transactional programme', files: files({ programPurpose: 'transactional', message: 'Votre colis arrive demain.' }) },
    {
      name: 'the step says transactional, over a marketing programme',
      files: files({ programPurpose: 'marketing', stepPurpose: 'transactional', message: 'Votre code : 1234' }),
    },
    { name: 'no purpose anywhere: not checked by default', files: files({ message: 'Promo !' }) },
    {
      name: 'a pattern of its own',
      files: files({ programPurpose: 'marketing', message: 'Sale! Reply END to opt out', config: 'rules:\n  sms-opt-out: [warn, { pattern: "Reply END" }]\n' }),
    },
  ],
  invalid: [
    {
      name: "a marketing email's SMS fallback, with the step's purpose (a transactional step's fallback is not checked)",
      files: {
        ...files({ programPurpose: 'marketing', message: 'Promo ! STOP au 36111' }),
        'fallback.yaml':
          'scenarios:\n  - id: news\n    name: News\n    program: promo\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    variables: [email_optin]\n    steps:\n' +
          '      - { after: "0", channel: email, subject: Sale, fallback: { channel: sms, message: "-30 % !" } }\n' +
          '      - { after: J+1, channel: email, subject: Receipt, purpose: transactional, fallback: { channel: sms, message: "Receipt" } }\n',
      },
      errors: [{ ruleId: 'sms-opt-out', message: 'marketing SMS of scenario "news" has no opt-out mention', file: 'fallback.yaml', line: 10, column: 89 }],
    },
    {
      name: 'a marketing programme',
      files: files({ programPurpose: 'marketing', message: '-30 % ce week-end !' }),
      errors: [finding(17, 18)],
      fr: [
        {
          message: 'le SMS marketing du scénario « sale » n’a pas de mention de désinscription',
          suggestion: 'terminez le message par « STOP au 36xxx », le numéro court de votre prestataire SMS',
        },
      ],
    },
    {
      name: 'the scenario says marketing, over a transactional programme',
      files: files({ programPurpose: 'transactional', scenarioPurpose: 'marketing', message: 'Promo !' }),
      errors: [finding(18, 18)],
    },
    { name: 'STOP without a short number', files: files({ programPurpose: 'marketing', message: 'Promo ! Répondez STOP' }), errors: [finding(17, 18)] },
    { name: 'a marketing step without a message, at the step', files: files({ stepPurpose: 'marketing' }), errors: [finding(15, 9)] },
    {
      name: 'assumeMarketing checks SMS with no purpose',
      files: files({ message: 'Promo !', config: 'rules:\n  sms-opt-out: [warn, { assumeMarketing: true }]\n' }),
      errors: [finding(17, 18)],
    },
  ],
});
