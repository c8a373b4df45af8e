import { describe, expect, it } from 'vitest';
import { delayOffset, scoreOf, triggerTypeOf, yesNoOf } from '../../src/exporters/cell-words.js';

describe('delays as people type them in a spreadsheet', () => {
  it.each([
    ['2 jours', '2d'],
    ['1 jour', '1d'],
    ['3j', '3d'],
    ['+3j', '3d'],
    ['+ 3 j', '3d'],
    ['2 days', '2d'],
    ['48 h', '48h'],
    ['12 heures', '12h'],
    ['2 hours', '2h'],
    ['30 min', '30m'],
    ['45 minutes', '45m'],
    ['1 semaine', '1w'],
    ['2 weeks', '2w'],
    ['3 sem.', '3w'],
    ['J + 3', 'J+3'],
    ['j+3', 'J+3'],
    ['D - 1', 'D-1'],
    ['7 jours avant', 'J-7'],
    ['1 week before', 'J-7'],
    ['2 jours après', '2d'],
    ['3 days later', '3d'],
    ['Immédiat', '0'],
    ['immédiatement', '0'],
    ['Immediately', '0'],
    ['J', '0'],
  ])('%s → %s', (text, offset) => {
    expect(delayOffset(text)).toBe(offset);
  });

  it.each([['J+1'], ['2d'], ['0'], ['D-7']])('%s is already an offset: nothing to read', (text) => {
    expect(delayOffset(text)).toBeUndefined();
  });

  it.each([['J+1 10:00'], ['2 mois'], ['bientôt'], ['2 h avant'], ['1e3 jours'], ['99999999999999999999 jours'], ['']])(
    '%s is not read (lint says how to write it)',
    (text) => {
      expect(delayOffset(text)).toBeUndefined();
    },
  );
});

describe('scores as people type them', () => {
  it.each([
    ['4', 4],
    ['4,0', 4],
    ['4.0', 4],
    ['4/5', 4],
    ['3 / 5', 3],
    ['2 sur 5', 2],
    ['5 out of 5', 5],
  ])('%s → %d', (text, score) => {
    expect(scoreOf(text)).toBe(score);
  });

  it.each([['4.5'], ['6'], ['0'], ['4/10'], ['Fort'], ['/5'], [''], ['TRUE']])('%s is no score from 1 to 5', (text) => {
    expect(scoreOf(text)).toBeUndefined();
  });
});

describe('trigger types as people type them', () => {
  it.each([
    ['Comportement', 'behavior'],
    ['Comportemental', 'behavior'],
    ['Behaviour', 'behavior'],
    ['behavioral', 'behavior'],
    ['Transactionnel', 'behavior'],
    ['Événement', 'event'],
    ['Evenementiel', 'event'],
    ['Event', 'event'],
    ['Date', 'event'],
    ['Calendaire', 'event'],
    ['Anniversaire', 'event'],
    ['Attribut', 'event'],
    ['Planifié', 'event'],
    ['Scheduled', 'event'],
  ])('%s → %s', (text, type) => {
    expect(triggerTypeOf(text)).toBe(type);
  });

  it.each([['Manuel'], ['?'], ['']])('%s says neither', (text) => {
    expect(triggerTypeOf(text)).toBeUndefined();
  });
});

describe('yes and no as people type them (personal data)', () => {
  it.each([['Oui'], ['oui'], ['Yes'], ['x'], ['X'], ['✓'], ['✔'], ['TRUE'], ['vrai'], ['1']])('%s is yes', (text) => {
    expect(yesNoOf(text)).toBe(true);
  });
  it.each([[''], ['Non'], ['no'], ['-'], ['✗'], ['false'], ['FAUX'], ['0']])('%s is no', (text) => {
    expect(yesNoOf(text)).toBe(false);
  });
  it.each([['peut-être'], ['?'], ['PII']])('%s is neither', (text) => {
    expect(yesNoOf(text)).toBeUndefined();
  });
});
