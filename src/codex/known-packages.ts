// Owns the integrity of the Codex packages this release of the action was tested with, as the npm registry
// published them (read with `npm view @openai/codex@<spec> dist.integrity` on 2026-12-06). They ship inside the
// action's own code, which is as trusted as the action itself, so a run of the default release needs no registry
// round trip (2 to 9 s) to check a tarball from the cache or the tool directory; any other release is checked
// against what the registry publishes at run time (install.ts).
// Must never: hold a value that was not read from the registry, or be consulted for a spec it does not list.
export const KNOWN_PACKAGE_INTEGRITY: Readonly<Record<string, string>> = {
  '@openai/codex@0.169.0-linux-x64':
    'sha512-o05NyAOCDygSPRo1yinzxvkRSdmsZyBD9E7mbpmjRanSfM8lypqWtQgEo4XfNkwhuCR2aFu8mlGOsQGFXVbVww==',
  '@openai/codex@0.169.0-linux-arm64':
    'sha512-NZ/DaQUpcQmxmqee7Z9uC1rzw3GhSbooawcaTe1LN5Yk+WlinUKGdTXJgClRT/9ogQEEM9TWxYzvxPfj5G/xFg==',
  '@openai/codex@0.169.0-darwin-arm64':
    'sha512-5WsWFBbVP78D+6FvNo1MMVxLPZdmcoQlqVJFrF4qx/TmvneLnMQKtLyXkUo54XOTDfoYKpNouTJ/F7gTVA8FnQ==',
  '@openai/codex@0.169.0-darwin-x64':
    'sha512-K1FKSsSLl9v3z5TeagBQXyQRDBIGB5Jncy5dxsRxwT3aaTqN3AI8VrCfoxBxKMOOU9O2QX1vg7WkBwNVth/s9A==',
  '@openai/codex@0.169.0-win32-x64':
    'sha512-nC+McFU8xRNL9tk3IhxcKdhcyOElwF/HhPO+gzSQCY7yjh3XdzSajX+MYWcHUVHWRHajfwn3/WgJYJK2wS+XWg==',
  '@openai/codex@0.153.4-linux-x64':
    'sha512-x1EcwBlY3AObM1VTUHNM2AzAJQsyreGdagpF+qFiYi/Oa30VBktvvG0C6tLtCzqW6hjZNWkGZQWmeVk7MuJKWg==',
  '@openai/codex@0.153.4-linux-arm64':
    'sha512-QKdjYLYV4hXIuUQDP3P6F4NXuWFoKo9WUoV4nAREIx55kiUyi8UsYdsVobkeXir5n/maEQgYMCKLHVma4rNPiw==',
};
