import { BASE, ruleTester } from './run-rule.js';

const omni = (quiet: string) => `name: t\nlocale: en\nquietHours: ${quiet}\n`;
const persona = (at: string) => `personas:\n  - id: camille\n    name: Camille\n    target: all\n    events:\n      - { event: cart_abandoned, at: "${at}" }\n`;

ruleTester('quiet-hours', {
  valid: [
    { name: 'the email lands at 10:00, outside 21:00–08:00', files: { ...BASE, 'omni.yaml': omni('{ from: "21:00", to: "08:00" }'), 'p.yaml': persona('0 10:00') } },
    { name: 'the trigger time is not known: nothing to say', files: { ...BASE, 'omni.yaml': omni('{ from: "21:00", to: "08:00" }'), 'p.yaml': persona('0') } },
    { name: 'quiet hours for sms only', files: { ...BASE, 'omni.yaml': omni('{ from: "21:00", to: "08:00", channels: [sms] }'), 'p.yaml': persona('0 23:00') } },
  ],
  invalid: [
    {
      name: 'a cart abandoned at 23:00 gets its J+1 email at 23:00 the next day: at the step',
      files: { ...BASE, 'omni.yaml': omni('{ from: "21:00", to: "08:00" }'), 'p.yaml': persona('0 23:00') },
      errors: [
        {
          ruleId: 'quiet-hours',
          message: 'step 1 of scenario "cart" sends on email at D+1 23:00 for persona "camille", inside quiet hours (21:00–08:00)',
          file: 'base.yaml',
          line: 34,
          column: 18,
          suggestion: 'change the offset so that it lands outside 21:00–08:00, or send on another channel',
        },
      ],
      fr: [{ message: 'l’étape 1 du scénario « cart » envoie sur email à D+1 23:00 pour la persona « camille », pendant les heures de silence (21:00–08:00)' }],
    },
  ],
});
