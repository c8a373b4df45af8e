import { SECTION_KINDS, type EntityBase, type SectionKind } from '../model/types.js';
import { createRule } from './create-rule.js';

const KINDS: Record<string, string> = { scenarios: 'scenario', useCases: 'use case', programs: 'program', variables: 'variable', sources: 'source' };

export const missingOwner = createRule({
  id: 'missing-owner',
  defaultSeverity: 'off',
  options: {
    sections: { type: 'string[]', default: ['scenarios'], descriptionData: { sections: SECTION_KINDS.join(', ') } },
  },
  check({ model, report, options }) {
    for (const section of options.sections as string[]) {
      if (!(SECTION_KINDS as readonly string[]).includes(section)) continue;
      const kind = KINDS[section] ?? section.replace(/s$/, '');
      for (const entity of model[section as SectionKind] as EntityBase[]) {
        if (entity.owner !== undefined && entity.owner.trim() !== '') continue;
        report({
          messageId: 'noOwner',
          suggestionId: 'addOwner',
          data: { section, id: entity.id },
          // A blank owner: at its value; none: at the entity.
          location: { file: entity.origin.file, path: entity.owner === undefined ? entity.origin.path : [...entity.origin.path, 'owner'] },
          entity: { kind, id: entity.id },
        });
      }
    }
  },
});
