import { SECTION_KINDS, type EntityBase, type SectionKind } from '../model/types.js';
import { createRule } from './create-rule.js';

const KINDS: Record<string, string> = { scenarios: 'scenario', useCases: 'use case', programs: 'program', variables: 'variable', sources: 'source' };

export const missingOwner = createRule({
  id: 'missing-owner',
  description: 'An entity names no owner (off by default; for teams that assign each scenario to someone).',
  defaultSeverity: 'off',
  options: {
    sections: { type: 'string[]', default: ['scenarios'], description: `Sections whose entities need an owner, among ${SECTION_KINDS.join(', ')}.` },
  },
  check({ model, report, options }) {
    for (const section of options.sections as string[]) {
      if (!(SECTION_KINDS as readonly string[]).includes(section)) continue;
      const kind = KINDS[section] ?? section.replace(/s$/, '');
      for (const entity of model[section as SectionKind] as EntityBase[]) {
        if (entity.owner !== undefined && entity.owner.trim() !== '') continue;
        report({
          message: `${kind} "${entity.id}" names no owner`,
          location: { file: entity.origin.file, path: entity.origin.path },
          entity: { kind, id: entity.id },
          suggestion: 'add owner: with the team or person accountable for it',
        });
      }
    }
  },
});
