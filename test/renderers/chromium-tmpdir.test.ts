import { describe, expect, it } from 'vitest';
import { chromiumTmpdir } from '../../src/renderers/browser.js';

// Chromium's singleton socket is $TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket: 46
// characters past TMPDIR, within a socket path's 107 bytes (103 on macOS).
describe('chromiumTmpdir', () => {
  const folder = (length: number) => `/${'t'.repeat(length - 1)}`;
  const usable = () => true;

  it('leaves a TMPDIR alone while the socket path fits', () => {
    expect(chromiumTmpdir('/tmp', 'linux', usable)).toBeUndefined();
    expect(chromiumTmpdir(folder(61), 'linux', usable)).toBeUndefined();
    // macOS's own TMPDIR (/var/folders/…/T) is 48 characters.
    expect(chromiumTmpdir('/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T', 'darwin', usable)).toBeUndefined();
    expect(chromiumTmpdir(folder(57), 'darwin', usable)).toBeUndefined();
  });

  it('gives Chromium /tmp past that, counting bytes, not characters', () => {
    expect(chromiumTmpdir(folder(62), 'linux', usable)).toBe('/tmp');
    expect(chromiumTmpdir(folder(58), 'darwin', usable)).toBe('/tmp');
    expect(chromiumTmpdir(`/${'é'.repeat(31)}`, 'linux', usable)).toBe('/tmp'); // 63 bytes
    expect(chromiumTmpdir(`/${'é'.repeat(30)}`, 'linux', usable)).toBeUndefined(); // 61 bytes
  });

  it('changes nothing when /tmp is not writable, nor on Windows', () => {
    expect(chromiumTmpdir(folder(200), 'linux', () => false)).toBeUndefined();
    expect(chromiumTmpdir(`C:\\${'t'.repeat(200)}`, 'win32', usable)).toBeUndefined();
  });
});
