import { readFileSync } from 'node:fs';
import { BASE, ruleTester } from './run-rule.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/broken/${name}`, import.meta.url), 'utf8');

// yaml-syntax positions come from the parser (or the UTF-8 decoder), so start and end coincide.
ruleTester('yaml-syntax', {
  valid: [
    { name: 'the base journey', files: BASE },
    { name: 'an empty file', files: { 'empty.yaml': '' } },
    { name: 'a file of comments only', files: { 'notes.yaml': '# nothing yet\n' } },
    { name: 'a byte-order mark before the first key', files: { 'bom.yaml': '\uFEFFstages:\n  - { id: a, name: A }\n' } },
    { name: 'anchors and merge keys', files: { 'merge.yaml': 'channels:\n  - &web { id: web, name: Web }\n  - { <<: *web, id: web2 }\n' } },
  ],
  invalid: [
    {
      name: 'bad indentation after a quoted scalar (fixture syntax-error.yaml)',
      files: { 'syntax-error.yaml': fixture('syntax-error.yaml') },
      errors: [{ ruleId: 'yaml-syntax', message: 'bad indentation of a mapping entry', file: 'syntax-error.yaml', line: 6, column: 15, endLine: 6, endColumn: 15 }],
    },
    {
      name: 'a key indented deeper than its siblings',
      files: { 'a.yaml': 'stages:\n  - id: a\n     name: b\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'bad indentation of a mapping entry', line: 3, column: 10 }],
    },
    {
      name: 'a duplicated top-level key, at the second one',
      files: { 'a.yaml': 'stages: []\nchannels: []\nstages: []\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'duplicated mapping key', line: 3, column: 1 }],
    },
    {
      name: 'a tab used for indentation',
      files: { 'a.yaml': 'stages:\n\t- id: a\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'tab characters must not be used in indentation', line: 2, column: 1 }],
    },
    {
      // It was reported at the end of the file, where js-yaml stops, however far below.
      name: 'an unclosed quote is reported at its opening quote',
      files: { 'a.yaml': 'stages:\n  - id: a\n    name: "say \\"hi\n  - id: c\n    name: C\n' },
      errors: [
        {
          ruleId: 'yaml-syntax',
          message: 'this double-quoted string is never closed',
          line: 3,
          column: 11,
          endColumn: 12,
          suggestion: 'end it with "; a quote inside it is written \\"',
        },
      ],
      fr: [{ message: 'cette chaîne entre guillemets doubles n’est jamais fermée', suggestion: 'terminez-la par " ; un guillemet à l’intérieur s’écrit \\"' }],
    },
    {
      name: 'an unclosed single quote, past escaped apostrophes',
      files: { 'a.yaml': "stages:\n  - id: a\n    name: 'l''avion\n  - id: b\n    name: B\n" },
      errors: [
        {
          ruleId: 'yaml-syntax',
          message: 'this single-quoted string is never closed',
          line: 3,
          column: 11,
          suggestion: "end it with '; an apostrophe inside it is written ''",
        },
      ],
    },
    {
      name: 'a syntax error in omni.yaml',
      files: { ...BASE, 'omni.yaml': 'name: x\nrules: [\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'this [ is never closed', file: 'omni.yaml', line: 2, column: 8, suggestion: 'close it with ] after its last item' }],
      fr: [{ message: 'ce [ n’est jamais fermé', suggestion: 'fermez-le par ] après son dernier élément' }],
    },
    {
      // js-yaml said "missed comma between flow collection entries" at the line after.
      name: 'a list never closed, followed by more keys, at its [',
      files: { 'a.yaml': 'variables:\n  - id: a\n    name: A\n    sources: [crm, erp\n  - id: b\n    name: B\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'this [ is never closed', line: 4, column: 14, suggestion: 'close it with ] after its last item' }],
    },
    {
      // Found by probing common slips: each read "bad indentation…", "a colon is missed" or
      // "duplicated mapping key" with no word of what to do.
      name: 'a value holding ": " (French punctuation) is to be quoted',
      files: { 'a.yaml': 'variables:\n  - id: a\n    name: Offre : -20 %\n' },
      errors: [
        {
          ruleId: 'yaml-syntax',
          message: 'bad indentation of a mapping entry',
          line: 3,
          column: 17,
          suggestion: 'a value holding ": " reads as a second key: quote it, name: "Offre : -20 %"',
        },
      ],
      fr: [
        {
          message: 'mauvaise indentation d’une entrée de mapping',
          suggestion: 'une valeur qui contient « : » se lit comme une deuxième clé : mettez-la entre guillemets, name: "Offre : -20 %"',
        },
      ],
    },
    {
      name: 'a list item on its key’s line, and a dash without its space',
      files: { 'a.yaml': 'stages:\n  - id: a\n    tags: - vip\n', 'b.yaml': 'stages:\n  - id: a\n    name: A\n  -id: b\n' },
      errors: [
        {
          ruleId: 'yaml-syntax',
          file: 'a.yaml',
          message: 'bad indentation of a mapping entry',
          line: 3,
          column: 11,
          suggestion: 'a list starts on the line under its key, one "- " item per line, or is written on one line: tags: [vip]',
        },
        { ruleId: 'yaml-syntax', file: 'b.yaml', message: 'bad indentation of a mapping entry', line: 4, column: 3, suggestion: 'write a space after the dash: - id: b' },
      ],
      fr: [
        {
          message: 'mauvaise indentation d’une entrée de mapping',
          suggestion: 'une liste commence à la ligne sous sa clé, un élément « - » par ligne, ou s’écrit sur une ligne : tags: [vip]',
        },
        { message: 'mauvaise indentation d’une entrée de mapping', suggestion: 'mettez une espace après le tiret : - id: b' },
      ],
    },
    {
      name: 'key:value without a space',
      files: { 'a.yaml': 'variables:\n  - id: a\n    name: A\n    sources:crm\n' },
      errors: [
        {
          ruleId: 'yaml-syntax',
          message: 'can not read an implicit mapping pair; a colon is missed',
          line: 4,
          column: 16,
          suggestion: 'write a space after the colon: sources: crm',
        },
      ],
    },
    {
      name: 'key:value without a space, more keys below',
      files: { 'a.yaml': 'variables:\n  - id: a\n    sources:crm\n    name: A\n' },
      errors: [
        {
          ruleId: 'yaml-syntax',
          message: 'can not read a block mapping entry; a multiline key may not be an implicit key',
          line: 4,
          column: 9,
          suggestion: 'write a space after the colon: sources: crm',
        },
      ],
    },
    {
      name: 'a key or a - indented unlike its neighbours: how far to indent it',
      files: {
        'a.yaml': 'variables:\n  - id: a\n     name: A\n',
        'b.yaml': 'variables:\n  - id: a\n    name: A\n   - id: b\n    name: B\n',
      },
      errors: [
        {
          ruleId: 'yaml-syntax',
          file: 'a.yaml',
          message: 'bad indentation of a mapping entry',
          line: 3,
          column: 10,
          suggestion: 'indent name: by 4 spaces, like id: on line 2',
        },
        {
          ruleId: 'yaml-syntax',
          file: 'b.yaml',
          message: 'bad indentation of a sequence entry',
          line: 4,
          column: 4,
          suggestion: 'indent this - by 2 spaces, like the item on line 2',
        },
      ],
      fr: [
        { message: 'mauvaise indentation d’une entrée de mapping', suggestion: 'indentez name: de 4 espaces, comme id: ligne 2' },
        { message: 'mauvaise indentation d’une entrée de liste', suggestion: 'indentez ce - de 2 espaces, comme l’élément de la ligne 2' },
      ],
    },
    {
      name: 'a key written twice names the line of the first',
      files: { 'a.yaml': 'variables:\n  - id: a\n    name: A\n  - id: b\n    name: B\n    sources: [crm]\n    name: C\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'duplicated mapping key', line: 7, column: 5, suggestion: 'name is already set on line 5: keep one of the two' }],
      fr: [{ message: 'clé en double dans le mapping', suggestion: 'name est déjà renseigné ligne 5 : gardez l’un des deux' }],
    },
    {
      name: 'a comma really missing in a list closed lines below keeps its message',
      files: { 'a.yaml': 'variables:\n  - id: a\n    name: A\n    sources: [crm, "erp"\n      "pos"]\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'missed comma between flow collection entries', line: 5, column: 7 }],
    },
    {
      name: 'a comma really missing in a closed list keeps its message',
      files: { 'a.yaml': 'stages:\n  - { id: a, name: A b: c }\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'missed comma between flow collection entries', line: 2, column: 23 }],
    },
    {
      // Found by probing: a file saved as UTF-16 read "invalid UTF-8 byte 0xff", or without its
      // byte-order mark "null byte is not allowed in input" (in English in a French plan too).
      name: 'a file saved as UTF-16, with or without its byte-order mark',
      files: {
        'a.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('stages:\n  - { id: a, name: Été }\n', 'utf16le')]),
        'b.yaml': Buffer.from('stages:\n  - { id: b, name: B }\n', 'utf16le'),
      },
      errors: [
        {
          ruleId: 'yaml-syntax',
          file: 'a.yaml',
          message: 'the file is UTF-16 text (Windows "Unicode"), not UTF-8',
          line: 1,
          column: 1,
          suggestion: 'save the file as UTF-8',
        },
        { ruleId: 'yaml-syntax', file: 'b.yaml', message: 'the file is UTF-16 text (Windows "Unicode"), not UTF-8', line: 1, column: 1 },
      ],
      fr: [
        { message: 'le fichier est du texte UTF-16 (« Unicode » de Windows), pas de l’UTF-8', suggestion: 'enregistrez le fichier en UTF-8' },
        { message: 'le fichier est du texte UTF-16 (« Unicode » de Windows), pas de l’UTF-8' },
      ],
    },
    {
      name: 'a NUL byte in a UTF-8 file, in the run language',
      files: { 'a.yaml': 'stages:\n  - { id: a, name: "A\u0000" }\n' },
      errors: [{ ruleId: 'yaml-syntax', message: 'null byte is not allowed in input', line: 2, column: 22 }],
      fr: [{ message: 'le fichier contient un octet nul' }],
    },
    {
      name: 'a byte that is not UTF-8, at its character column (fixture non-utf8.yaml)',
      files: { 'non-utf8.yaml': readFileSync(new URL('../fixtures/broken/non-utf8.yaml', import.meta.url)) },
      errors: [{ ruleId: 'yaml-syntax', message: 'invalid UTF-8 byte 0xff', line: 5, column: 22, suggestion: 'save the file as UTF-8' }],
    },
    {
      name: 'an alias bomb is refused at its first alias (fixture alias-bomb.yaml)',
      files: { 'alias-bomb.yaml': fixture('alias-bomb.yaml') },
      errors: [{ ruleId: 'yaml-syntax', message: 'aliases expand to more than 1,000,000 nodes (an alias bomb?)', line: 4, column: 8 }],
    },
  ],
});
