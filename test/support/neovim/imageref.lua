-- Drives imageref's language server from Neovim 0.7 (vim.lsp.start_client), headless, as a user's config would:
-- diagnostics, hover and an applied quick fix. Writes what it saw to $RESULT as JSON; always quits.
-- Inputs (environment): NODE, IMAGEREF_CLI, WORKDIR (holds a Dockerfile), RESULT.
local result = { published = {}, errors = {} }

local function wait_for(ms, predicate)
  return vim.wait(ms, predicate, 20)
end

local function lsp_diagnostics(bufnr)
  return vim.tbl_map(function(d)
    return { line = d.lnum, col = d.col, end_col = d.end_col, code = d.code, severity = d.severity, source = d.source }
  end, vim.diagnostic.get(bufnr))
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.lsp.set_log_level('warn')
  local dir = os.getenv('WORKDIR')
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/Dockerfile'))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'imageref',
    cmd = { os.getenv('NODE'), os.getenv('IMAGEREF_CLI'), 'lsp', '--stdio' },
    root_dir = dir,
    init_options = { settings = { offline = true } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, params, ctx, config)
        table.insert(result.published, { uri = params.uri, version = params.version, count = #params.diagnostics })
        return vim.lsp.diagnostic.on_publish_diagnostics(e, params, ctx, config)
      end,
    },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  result.attached = wait_for(20000, function() return #vim.diagnostic.get(bufnr) > 0 end)
  result.diagnostics = lsp_diagnostics(bufnr)

  local uri = vim.uri_from_bufnr(bufnr)
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 1, character = 8 } }, 10000)
  local answer = hover and hover[client_id]
  result.hover = answer and answer.result and answer.result.contents and answer.result.contents.value

  -- The quick fix of the scheme-prefix diagnostic on line 1, asked as :lua vim.lsp.buf.code_action() would.
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 0)
  local scheme
  for _, d in ipairs(line_diagnostics) do
    if d.code == 'scheme-prefix' then scheme = d end
  end
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri }, range = scheme.range, context = { diagnostics = { scheme } },
  }, 10000)
  local action = responses[client_id].result[1]
  result.action = action.title
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  vim.cmd('write')
  result.fixed_line = vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1]
  result.cleared = wait_for(10000, function() return not has_code(bufnr, 'scheme-prefix') end)
  result.after = lsp_diagnostics(bufnr)

  vim.lsp.stop_client(client_id)
  result.stopped = wait_for(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end)
  result.log_path = vim.lsp.get_log_path()
end)
if not ok then table.insert(result.errors, tostring(err)) end
local file = io.open(os.getenv('RESULT'), 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
