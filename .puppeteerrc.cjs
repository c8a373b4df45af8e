// omni uses puppeteer-core, which never downloads a browser, and drives a system Chromium (see
// README). The development-only @mermaid-js/mermaid-cli (the render benchmark's baseline) pulls
// the full puppeteer: this keeps its install from downloading Chrome in this repository.
module.exports = { skipDownload: true };
