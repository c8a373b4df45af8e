/** A workspace's settings file, at its root: what marks a folder as a workspace. */
export const CONFIG_FILE = 'omni.yaml';
