import { execFileSync, spawnSync } from 'node:child_process';
import { WordedError } from '../i18n/index.js';
import type { WorkspaceSource } from '../loader/discover.js';
import type { BlobIds } from '../pipeline/reuse.js';

/** A git failure the user can act on, worded in src/i18n (cli-*.ts, `git…`); the CLI writes it as one line and a hint. */
export class GitError extends WordedError {}

const MAX_BUFFER = 512 * 1024 * 1024;

function git(cwd: string, args: readonly string[], input?: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER, input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    throw gitFailure(error, args);
  }
}

/** Any failure of a git command (exit status, signal, missing git) as one GitError naming the command. */
function gitFailure(error: unknown, args: readonly string[]): Error {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return gitMissing(error as Error);
  const { stderr, status, signal } = error as { stderr?: string | Buffer; status?: number | null; signal?: string | null };
  const said = String(stderr ?? '')
    .trim()
    .split('\n')[0];
  const command = args.join(' ');
  if (said) return new GitError('gitFailed', { command, said }, 'gitFailedHint');
  if (signal) return new GitError('gitKilled', { command, signal }, 'gitFailedHint');
  return new GitError('gitExitStatus', { command, status: status ?? '?' }, 'gitFailedHint');
}

/** `git …` or undefined when git exits non-zero (e.g. an unknown ref). */
function tryGit(cwd: string, args: readonly string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER });
  if (result.error) throw gitFailure(result.error, args);
  return result.status === 0 ? result.stdout : undefined;
}

function gitMissing(error: Error): Error {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new GitError('gitMissing', {}, 'gitMissingHint');
  return error;
}

/** The top folder of the repository holding `cwd`. */
export function gitTopLevel(cwd: string): string {
  const top = tryGit(cwd, ['rev-parse', '--show-toplevel']);
  if (top === undefined) throw new GitError('notGitRepository', { path: cwd }, 'notGitRepositoryHint');
  return top.trim();
}

/** The commit a revision names (branch, tag, sha, HEAD~2…). */
export function resolveCommit(top: string, revision: string): string {
  if (revision.startsWith('-')) throw new GitError('unknownRevision', { revision }, 'unknownRevisionOptionHint');
  const sha = tryGit(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  if (sha === undefined) throw new GitError('unknownRevision', { revision }, 'unknownRevisionHint');
  return sha.trim();
}

/**
 * The default base: the merge-base of HEAD with the default branch, which is origin/HEAD
 * when the remote says so, else main, else master.
 */
export function defaultBase(top: string): { revision: string; commit: string } {
  if (tryGit(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) === undefined) {
    throw new GitError('noCommitYet', {}, 'noCommitYetHint');
  }
  const remoteHead = tryGit(top, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])?.trim();
  const candidates = [remoteHead, 'refs/heads/main', 'refs/heads/master'].filter((ref): ref is string => Boolean(ref));
  for (const ref of candidates) {
    if (tryGit(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === undefined) continue;
    const base = tryGit(top, ['merge-base', ref, 'HEAD']);
    if (base === undefined) throw new GitError('noCommonAncestor', { ref: shortRef(ref) }, 'passBaseRevision');
    return { revision: `merge-base(${shortRef(ref)}, HEAD)`, commit: base.trim() };
  }
  throw new GitError('noDefaultBranch', {}, 'passBaseRevision');
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|remotes)\//, '');
}

/** Workspace files at a commit, read from git objects: no checkout, the working tree is never touched. */
export function gitSource(top: string, commit: string, prefix: string): WorkspaceSource & BlobIds {
  const folder = prefix === '' ? '' : `${prefix.replace(/\/+$/, '')}/`;
  const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...(folder ? [folder] : [])]);
  const blobs = new Map<string, string>();
  for (const record of listing.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1);
    // Symbolic links (120000) and submodules are no model files in a revision.
    if (type !== 'blob' || mode === '120000' || !file.startsWith(folder)) continue;
    blobs.set(file.slice(folder.length), oid!);
  }
  let contents: Map<string, Uint8Array> | undefined;
  const readAll = (): Map<string, Uint8Array> => {
    const wanted = [...blobs].filter(([file]) => /\.ya?ml$/i.test(file));
    const args = ['cat-file', '--batch'];
    let output: Buffer;
    try {
      output = execFileSync('git', args, { cwd: top, maxBuffer: MAX_BUFFER, input: wanted.map(([, oid]) => oid).join('\n') + '\n', stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      throw gitFailure(error, args);
    }
    const result = new Map<string, Uint8Array>();
    let offset = 0;
    for (const [file, oid] of wanted) {
      // Each answer is "<oid> blob <size>\n<bytes>\n", or "<oid> missing\n" (or ambiguous):
      // anything else is a failure naming the object, never content.
      const newline = output.indexOf(0x0a, offset);
      const header = newline < 0 ? '' : output.subarray(offset, newline).toString('utf8');
      const [answeredOid, type, sizeText] = header.split(' ');
      const size = Number(sizeText);
      const where = { file: `${folder}${file}`, object: oid!, commit: commit.slice(0, 12) };
      if (newline < 0 || answeredOid !== oid) throw new GitError('gitNoAnswer', where, 'gitFsck');
      if (type === 'missing') throw new GitError('gitObjectMissing', where, 'gitObjectMissingHint');
      if (type !== 'blob' || !Number.isSafeInteger(size) || newline + 1 + size > output.length) {
        throw new GitError('gitUnexpectedAnswer', { ...where, header: header.slice(0, 80) }, 'gitFsck');
      }
      result.set(file, output.subarray(newline + 1, newline + 1 + size));
      offset = newline + 1 + size + 1;
    }
    return result;
  };
  return {
    listFiles: () => [...blobs.keys()],
    // Git's ids: two revisions holding the same blob share its load (pipeline/reuse.ts) without comparing bytes.
    blobId: (file: string) => blobs.get(file),
    readFile: (file) => {
      contents ??= readAll();
      const bytes = contents.get(file);
      if (bytes === undefined) throw new GitError('gitCannotRead', { file: `${folder}${file}`, commit: commit.slice(0, 12) });
      return bytes;
    },
  };
}
