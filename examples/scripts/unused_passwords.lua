-- Lists the users whose password was never used (no PasswordLastUsed in IAM).
-- args (optional): {pathPrefix = "/engineering/"} to look only under a path,
--                  {pageSize = 50} to read the users in pages of that size (default 100).
-- Returns: {count = N, users = {{name = "...", created = "...", path = "..."}, ...}}
local filter = "true"
if args and args.pathPrefix then
  filter = string.format('Path sw "%s"', args.pathPrefix)
end

local page_size = (args and args.pageSize) or 100

local users = {}
local cookie = nil
repeat
  local page
  page, cookie = connector.search("__ACCOUNT__", filter, {
    fields = {"__NAME__", "Path", "CreatedDate", "PasswordLastUsed"},
    pageSize = page_size,
    pagedResultsCookie = cookie,
  })
  for _, user in ipairs(page) do
    if user.PasswordLastUsed == nil then
      users[#users + 1] = {name = user.__NAME__, path = user.Path, created = user.CreatedDate}
    end
  end
until cookie == nil

table.sort(users, function(a, b) return a.name < b.name end)
return {count = #users, users = users}
