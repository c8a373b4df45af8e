import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { copyExample, lintAsLsp, LspClient, uriOf, withoutData } from './client.js';

let client: LspClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** Non-empty diagnostics received, per URI, without the server's private data. */
function received(lsp: LspClient) {
  return new Map([...lsp.diagnostics].filter(([, list]) => list.length > 0).map(([uri, list]) => [uri, withoutData(list)]));
}

/** What `omni lint` says of the workspace once `file` holds `text` on disk, keyed by the original workspace's URIs. */
async function lintWith(workspace: string, file: string, text: string) {
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-lsp-expected-')), path.basename(workspace));
  cpSync(workspace, copy, { recursive: true });
  writeFileSync(path.join(copy, file), text);
  const expected = await lintAsLsp(copy);
  return new Map([...expected].map(([uri, list]) => [uri.replace(uriOf(copy), uriOf(workspace)), list]));
}

describe('diagnostics', () => {
  it.each(['gaps', 'maison-lumen'])('equal omni lint --format json on examples/%s, for every file of the workspace', async (name) => {
    const workspace = copyExample(name);
    const expected = await lintAsLsp(workspace);
    client = await LspClient.start(workspace);
    // Opening a file makes the server load its workspace and publish (an empty list for a clean file).
    await client.open(path.join(workspace, 'omni.yaml'));
    await client.waitFor(() => [...expected.keys()].every((uri) => client!.diagnostics.has(uri)));
    await client.settle();
    expect(received(client)).toEqual(expected);
    if (name === 'gaps') expect(expected.size).toBeGreaterThanOrEqual(3);
    else expect(expected.size).toBe(0);
  });

  it('an unsaved edit in one file opens gaps in others; closing the buffer brings the disk back', async () => {
    const workspace = copyExample('maison-lumen');
    const matrix = path.join(workspace, 'matrix.yaml');
    const original = readFileSync(matrix, 'utf8');
    const edited = original.replace('  - id: email\n', '  - id: e-mail\n');
    expect(edited).not.toBe(original);
    const expected = await lintWith(workspace, 'matrix.yaml', edited);
    expect([...expected.values()].flat().some((diagnostic) => diagnostic.code === 'unknown-reference' && diagnostic.message.includes('« email »'))).toBe(true);
    expect(expected.size).toBeGreaterThan(3);

    client = await LspClient.start(workspace);
    await client.open(matrix);
    await client.settle();
    expect(received(client).size).toBe(0);
    await client.change(matrix, edited);
    await client.waitFor(() => isDeepStrictEqual(received(client!), expected));
    expect(readFileSync(matrix, 'utf8')).toBe(original); // the buffer was never saved

    await client.close(matrix);
    await client.waitFor(() => received(client!).size === 0);
  });

  it("honours omni.yaml's severities, also from an unsaved omni.yaml buffer", async () => {
    const workspace = copyExample('gaps');
    const config = path.join(workspace, 'omni.yaml');
    const text = `${readFileSync(config, 'utf8')}rules:\n  unknown-reference: warn\n  unused-source: off\n`;
    const expected = await lintWith(workspace, 'omni.yaml', text);
    const all = [...expected.values()].flat();
    expect(all.some((diagnostic) => diagnostic.code === 'unknown-reference' && diagnostic.severity === 2)).toBe(true);
    expect(all.some((diagnostic) => diagnostic.code === 'unused-source')).toBe(false);

    client = await LspClient.start(workspace);
    await client.open(config, text);
    await client.waitFor(() => isDeepStrictEqual(received(client!), expected));
  });

  it('a yaml-syntax error mid-typing is reported like lint, and fixing it brings the file back', async () => {
    const workspace = copyExample('maison-lumen');
    const file = path.join(workspace, 'data.yaml');
    const original = readFileSync(file, 'utf8');
    const broken = original.replace('variables:', 'variables: [');
    const expected = await lintWith(workspace, 'data.yaml', broken);
    expect([...expected.values()].flat().some((diagnostic) => diagnostic.code === 'yaml-syntax')).toBe(true);
    client = await LspClient.start(workspace);
    await client.open(file);
    await client.change(file, broken);
    await client.waitFor(() => isDeepStrictEqual(received(client!), expected));
    await client.change(file, original, 3);
    await client.waitFor(() => received(client!).size === 0);
  });

  it('edits that declare nothing re-check the edited file only, and still equal lint at every step', async () => {
    const workspace = copyExample('gaps');
    const file = path.join(workspace, 'scenarios.yaml');
    const original = readFileSync(file, 'utf8');
    const steps = [
      original.replace('channel: email\n        subject: "Last call', 'channel: emial\n        subject: "Last call'),
      original.replace(
        'variables: [first_name, email_optin, sms_optin, push_optin, cart_items]',
        'variables: [email_optin, sms_optin, push_optin, cart_items, store_visits, shoe_size]',
      ),
      original.replace(/ {2}- id: winback[\s\S]*$/, ''),
      original,
    ];
    expect(new Set(steps).size).toBe(steps.length);
    client = await LspClient.start(workspace);
    await client.open(file);
    let version = 2;
    for (const text of steps) {
      const expected = await lintWith(workspace, 'scenarios.yaml', text);
      await client.change(file, text, version++);
      await client.waitFor(() => isDeepStrictEqual(received(client!), expected));
    }
  });

  it('files changed, created or deleted outside the editor are re-read when the client says so', async () => {
    const workspace = copyExample('maison-lumen');
    client = await LspClient.start(workspace);
    await client.open(path.join(workspace, 'omni.yaml'));
    await client.settle();
    const notify = (uri: string, type: number) => client!.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
    // Created: a file declaring a duplicate channel.
    const extra = path.join(workspace, 'extra.yaml');
    writeFileSync(extra, 'channels:\n  - { id: email, name: Email again }\n');
    let expected = await lintAsLsp(workspace);
    expect([...expected.values()].flat().some((diagnostic) => diagnostic.code === 'duplicate-id')).toBe(true);
    await notify(uriOf(extra), 1);
    await client.waitFor(() => isDeepStrictEqual(received(client!), expected));
    // Changed on disk (e.g. git checkout) while not open.
    const matrix = path.join(workspace, 'matrix.yaml');
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace('  - id: sms\n', '  - id: texto\n'));
    expected = await lintAsLsp(workspace);
    await notify(uriOf(matrix), 2);
    await client.waitFor(() => isDeepStrictEqual(received(client!), expected));
    // Deleted.
    const { rmSync } = await import('node:fs');
    rmSync(extra);
    expected = await lintAsLsp(workspace);
    await notify(uriOf(extra), 3);
    await client.waitFor(() => isDeepStrictEqual(received(client!), expected));
    expect([...expected.values()].flat().some((diagnostic) => diagnostic.code === 'duplicate-id')).toBe(false);
  });

  it("a file opened under another spelling of its URI gets its findings there (VS Code encodes ' and ( that Node leaves)", async () => {
    const workspace = path.join(path.dirname(copyExample('gaps')), "plan d'été (v2)");
    cpSync(path.join(path.dirname(workspace), 'gaps'), workspace, { recursive: true });
    const file = path.join(workspace, 'scenarios.yaml');
    // Each path segment as VS Code's URI.toString writes it: every character but A-Z a-z 0-9 - . _ ~ percent-encoded.
    const editorUri =
      'file://' +
      file
        .split('/')
        .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
    expect(editorUri).not.toBe(uriOf(file));
    const expected = (await lintAsLsp(workspace)).get(uriOf(file))!;
    expect(expected.length).toBeGreaterThan(0);

    client = await LspClient.start(workspace);
    // The workspace is checked, and scenarios.yaml's findings published under Node's spelling, before the file is opened.
    await client.open(path.join(workspace, 'omni.yaml'));
    await client.waitFor(() => (client!.diagnostics.get(uriOf(file))?.length ?? 0) > 0);
    await client.open(file, undefined, editorUri);
    await client.waitFor(() => (client!.diagnostics.get(editorUri)?.length ?? 0) > 0);
    expect(withoutData(client.diagnostics.get(editorUri))).toEqual(expected);
    expect(client.diagnostics.get(uriOf(file))).toEqual([]);
  });
});
