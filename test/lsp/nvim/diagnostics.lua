-- Headless Neovim attached to `omni lsp` with its built-in client: opens the file given on the
-- command line, waits for the server's diagnostics, asks for a definition, writes both as JSON.
-- Env: OMNI_CMD (JSON array: the server command), OMNI_ROOT (workspace), OMNI_OUT (result file).
local cmd = vim.fn.json_decode(os.getenv('OMNI_CMD'))
local root = os.getenv('OMNI_ROOT')
local out = os.getenv('OMNI_OUT')

local config = { name = 'omni', cmd = cmd, root_dir = root }
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)           -- Neovim 0.8+
else
  client_id = vim.lsp.start_client(config)    -- Neovim 0.7 (Debian 12)
  vim.lsp.buf_attach_client(0, client_id)
end

-- A loaded 2-core machine can take seconds to start the server; 40 s leaves room under the test's 90.
local started = vim.loop.hrtime()
local ok = vim.wait(40000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local result = { ok = ok, diagnostics = {}, waited_ms = math.floor((vim.loop.hrtime() - started) / 1e6), elsewhere = {} }
-- On a time-out, where findings went instead (another buffer, another spelling of the URI).
if not ok then
  for _, d in ipairs(vim.diagnostic.get()) do table.insert(result.elsewhere, vim.api.nvim_buf_get_name(d.bufnr)) end
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data and d.user_data.lsp) or {}
  table.insert(result.diagnostics, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, message = d.message, code = d.code or lsp.code,
  })
end

-- Go to definition of the word under a position given as OMNI_DEFINITION_AT="line,col" (0-based).
local at = os.getenv('OMNI_DEFINITION_AT')
if at then
  local line, col = at:match('(%d+),(%d+)')
  local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = tonumber(line), character = tonumber(col) } }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/definition', params, 10000) or {}
  for _, response in pairs(responses) do result.definition = response.result end
end

local file = io.open(out, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
