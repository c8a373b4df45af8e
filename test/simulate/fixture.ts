import type { Files } from '../rules/run-rule.js';

/** A small workspace whose simulated calendars the tests assert exactly. */
export const OMNI_YAML = `name: Simulation fixture
locale: en
pressure:
  - { channels: [email], max: 1, per: 1d }
  - { max: 3, per: 7d }
quietHours: { from: "21:00", to: "08:00", channels: [sms] }
`;

export const SIMULATION_FILES: Files = {
  'omni.yaml': OMNI_YAML,
  'model.yaml': `stages:
  - { id: buy, name: I buy }
channels:
  - { id: email, name: Email, requiresConsent: true }
  - { id: sms, name: SMS, requiresConsent: true }
touchpoints:
  - { id: email-cart, name: Cart email, stage: buy, channel: email, status: normal }
  - { id: sms-cart, name: Cart SMS, stage: buy, channel: sms, status: normal }
targets:
  - { id: all, name: All contacts }
  - { id: vip, name: VIP }
programs:
  - { id: conversion, name: Conversion }
sources:
  - { id: crm, name: CRM }
variables:
  - { id: email_optin, name: Email opt-in, sources: [crm], consentFor: [email] }
  - { id: sms_optin, name: SMS opt-in, sources: [crm], consentFor: [sms] }
events:
  - { id: email_clicked, name: Email clicked, sources: [crm] }
  - { id: order_placed, name: Order placed, sources: [crm] }
scenarios:
  - id: cart
    name: Abandoned cart
    program: conversion
    lifecycle: activation
    target: all
    trigger: { type: behavior, event: cart_abandoned }
    goal: order_placed
    reentry: unless-goal
    variables: [email_optin, sms_optin]
    steps:
      - id: reminder
        after: 1h
        channel: email
        subject: Your cart is waiting
        fallback: { channel: sms, when: [no-consent], message: Your cart is waiting }
      - wait:
          until:
            - event: email_clicked
              name: clicked
              steps:
                - { after: 2h, channel: sms, message: Still hesitating? }
          timeout: 1d
          otherwise:
            - id: offer
              split:
                branches:
                  - { name: discount, percent: 40, steps: [{ after: "0", channel: email, subject: 10% off }] }
                  - { name: delivery, percent: 50, steps: [{ after: "0", channel: email, subject: Free delivery }] }
                control: 10
      - { id: last-call, after: 2d, channel: email, subject: Last call }
  - id: birthday
    name: Birthday
    program: conversion
    lifecycle: relationship
    target: all
    trigger: { type: event, event: birthday }
    variables: [email_optin, sms_optin]
    steps:
      - { after: "0", channel: email, subject: Happy birthday }
      - { after: 12h, channel: sms, message: A gift waits in store }
  - id: store-visit
    name: After a store visit
    program: conversion
    lifecycle: relationship
    target: vip
    trigger: { type: behavior, event: store_visit }
    variables: [email_optin]
    steps:
      - decision:
          branches:
            - { name: bought, event: order_placed, steps: [{ after: 1d, channel: email, subject: Thank you }] }
          otherwise:
            - { after: 1d, channel: email, subject: Come back soon }
personas:
  - id: camille
    name: Camille, cart then birthday
    target: [all, vip]
    events:
      - { event: cart_abandoned, at: "0 10:00" }
      - { event: email_clicked, at: "0 19:30" }
      - { event: birthday, at: "J+1 09:00" }
      - { event: store_visit, at: "J+2 15:00" }
  - id: lucas
    name: Lucas, no email consent
    target: all
    optOut: [email]
    assume:
      - { scenario: cart, step: offer, branch: discount }
    events:
      - { event: cart_abandoned, at: "0 08:00" }
      - { event: cart_abandoned, at: "J+1 08:00" }
      - { event: order_placed, at: "J+3" }
      - { event: cart_abandoned, at: "J+4 08:00" }
`,
};
