import { BASE, ruleTester } from './run-rule.js';

const subject = (text: string, config?: string) => {
  const files: Record<string, string> = {
    ...BASE,
    'more.yaml': `scenarios:\n  - id: news\n    name: News\n    program: conversion\n    lifecycle: activation\n    target: all\n    useCases: [cart-recovery]\n    trigger: { type: event, event: e }\n    variables: [first_name, email_optin]\n    steps:\n      - after: "0"\n        channel: email\n        subject: ${JSON.stringify(text)}\n`,
  };
  if (config) files['omni.yaml'] = config;
  return files;
};

ruleTester('email-subject-length', {
  valid: [
    { name: 'the base subject', files: BASE },
    { name: 'exactly 80 characters', files: subject('a'.repeat(80)) },
    { name: 'exactly 80 with a variable at its default 10', files: subject(`{{first_name}}${'a'.repeat(70)}`) },
    { name: 'a longer limit by option', files: subject('a'.repeat(100), 'rules:\n  email-subject-length: [warn, { maxLength: 100 }]\n') },
    { name: 'characters, not UTF-16 units: 80 emoji', files: subject('😀'.repeat(80)) },
  ],
  invalid: [
    {
      name: "a push's email fallback",
      files: {
        ...BASE,
        'more.yaml':
          'channels:\n  - { id: app, name: App, type: online }\nscenarios:\n  - id: news\n    name: News\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    variables: [email_optin]\n    steps:\n' +
          `      - after: "0"\n        channel: app\n        name: Push\n        fallback: { channel: email, subject: ${JSON.stringify('b'.repeat(81))} }\n`,
      },
      errors: [
        {
          ruleId: 'email-subject-length',
          message: 'email subject of scenario "news" is 81 characters with variables at their longest, over the limit of 80',
          file: 'more.yaml',
          line: 15,
          column: 46,
        },
      ],
    },
    {
      name: '81 characters',
      files: subject('a'.repeat(81)),
      errors: [
        {
          ruleId: 'email-subject-length',
          message: 'email subject of scenario "news" is 81 characters with variables at their longest, over the limit of 80',
          line: 13,
          column: 18,
          suggestion: 'shorten it: mail apps cut subjects at 40 to 80 characters',
        },
      ],
      fr: [
        {
          message: 'l’objet d’email du scénario « news » fait 81 caractères avec les variables à leur plus long, au-delà de la limite de 80',
          suggestion: 'raccourcissez-le : les messageries coupent les objets entre 40 et 80 caractères',
        },
      ],
    },
    {
      name: 'a variable at its declared maxLength',
      files: {
        ...subject('Bonjour {{first_name}}, voici nos nouveautés', 'rules:\n  email-subject-length: [warn, { maxLength: 30 }]\n'),
        'base.yaml': BASE['base.yaml']!.toString().replace(
          '{ id: first_name, name: First name, sources: [crm] }',
          '{ id: first_name, name: First name, sources: [crm], maxLength: 12 }',
        ),
      },
      errors: [
        {
          ruleId: 'email-subject-length',
          message: 'email subject of scenario "news" is 42 characters with variables at their longest, over the limit of 30',
          line: 13,
          column: 18,
        },
      ],
    },
  ],
});
