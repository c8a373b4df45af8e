/** Writes `<name>-validator.generated.js` for both schemas into `folder` (a file URL ending in /). */
export function writeValidators(folder: URL, ajvOptions: Record<string, unknown>): void;
