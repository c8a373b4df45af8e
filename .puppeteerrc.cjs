// omni drives a system Chromium (see README): never download Puppeteer's own browser build.
module.exports = { skipDownload: true };
