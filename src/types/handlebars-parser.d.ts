/// <reference types="handlebars" />
// The parser entry of handlebars, imported alone to keep the lint path light.
declare module 'handlebars/dist/cjs/handlebars/compiler/base.js' {
  export function parse(input: string): hbs.AST.Program;
  export const parser: { parseError: (message: string, hash: never) => never };
}
