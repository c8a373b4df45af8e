import { afterAll } from 'vitest';
import { removeTempFolders } from './temp-folders.js';

// A setup file runs again before every test file, isolated or not: this hook is the file's own.
afterAll(removeTempFolders);
