import { KIND_NAMES } from '../model/references.js';
import { SECTION_KINDS } from '../model/types.js';
import { createRule } from './create-rule.js';

export const duplicateId = createRule({
  id: 'duplicate-id',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const kind of SECTION_KINDS) {
      if (kind === 'lifecycle' && model.defaultLifecycle) continue;
      const first = model.index[kind];
      for (const entity of model[kind]) {
        const original = first.get(entity.id);
        if (!original || original === entity) continue;
        report({
          messageId: 'duplicate',
          suggestionId: 'rename',
          data: { kind, id: entity.id, file: original.origin.file },
          location: { file: entity.origin.file, path: [...entity.origin.path, 'id'] },
          entity: { kind: KIND_NAMES[kind], id: entity.id },
        });
      }
    }
  },
});
