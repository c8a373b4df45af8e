import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyExample, lintAsLsp, LspClient, uriOf, withoutData } from './client.js';

let client: LspClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('diagnostics', () => {
  it.each(['gaps', 'maison-lumen'])('equal omni lint --format json on examples/%s, for every file of the workspace', async (name) => {
    const workspace = copyExample(name);
    const expected = lintAsLsp(workspace);
    client = await LspClient.start(workspace);
    await client.waitFor(() => [...expected.keys()].every((uri) => client!.diagnostics.has(uri)));
    await client.settle();
    const received = new Map([...client.diagnostics].filter(([, list]) => list.length > 0).map(([uri, list]) => [uri, withoutData(list)]));
    expect(received).toEqual(expected);
    if (name === 'gaps') expect(expected.size).toBeGreaterThan(2);
  });
});
