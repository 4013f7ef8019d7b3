-- Creates a user and adds it to a group, through the connector's operations.
-- args: {userName = "dave", group = "developers", path = "/staff/" (optional),
--        tags = {team = "blue"} (optional)}
-- Returns the user as the connector reads it back (name, path, groups, tags).
assert(type(args) == "table", "arguments are required")
assert(type(args.userName) == "string", "args.userName must be a string")
assert(type(args.group) == "string", "args.group must be a string")

local attrs = {__NAME__ = args.userName}
if args.path then attrs.Path = args.path end
if args.tags then
  local tags = {}
  for key, value in pairs(args.tags) do tags[#tags + 1] = {Key = key, Value = value} end
  table.sort(tags, function(a, b) return a.Key < b.Key end)
  attrs.Tags = tags
end

local created = connector.create("__ACCOUNT__", attrs)
connector.patch("__ACCOUNT__", created._id, {
  {operation = "add", field = "groups", value = {args.group}},
})
return connector.get("__ACCOUNT__", created._id, {"__NAME__", "Path", "groups", "Tags"})
