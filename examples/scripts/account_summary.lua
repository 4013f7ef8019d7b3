-- Raw IAM calls through connector.iam: the account summary plus the users of each group.
-- args (optional): {maxGroups = 10}
-- Returns: {users = N, groups = N, policies = N, members = {group = {"user", ...}, ...}}
local summary = connector.iam("GetAccountSummary", {}).SummaryMap
local result = {
  users = tonumber(summary.Users),
  groups = tonumber(summary.Groups),
  policies = tonumber(summary.Policies),
  members = {},
}
local max_groups = (args and args.maxGroups) or 10
local groups = connector.iam("ListGroups", {MaxItems = max_groups}).Groups
for _, group in ipairs(groups) do
  local names = {}
  local marker = nil
  repeat
    local page = connector.iam("GetGroup", {GroupName = group.GroupName, Marker = marker})
    for _, user in ipairs(page.Users) do names[#names + 1] = user.UserName end
    marker = page.IsTruncated == "true" and page.Marker or nil
  until marker == nil
  table.sort(names)
  result.members[group.GroupName] = names
end
return result
