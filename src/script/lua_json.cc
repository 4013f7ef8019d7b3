#include "script/lua_json.h"

#include <cmath>
#include <unordered_set>
#include <vector>

#include "aws_iam_connector/script_runner.h"

namespace aic::script {

using json = nlohmann::json;

const char kLuaJsonNull = 0;

namespace {

void Push(lua_State* L, const json& v, int depth_left) {
  if (depth_left < 0)
    luaL_error(L, "JSON value nested deeper than the limit of %d levels", kScriptMaxJsonDepth);
  luaL_checkstack(L, 3, "JSON value nested too deeply");
  switch (v.type()) {
    case json::value_t::null:
      lua_pushlightuserdata(L, const_cast<char*>(&kLuaJsonNull));
      break;
    case json::value_t::boolean:
      lua_pushboolean(L, v.get<bool>());
      break;
    case json::value_t::number_integer:
      lua_pushinteger(L, v.get<std::int64_t>());
      break;
    case json::value_t::number_unsigned: {
      auto u = v.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(LUA_MAXINTEGER)) {
        lua_pushinteger(L, static_cast<lua_Integer>(u));
      } else {
        lua_pushnumber(L, static_cast<lua_Number>(u));
      }
      break;
    }
    case json::value_t::number_float:
      lua_pushnumber(L, v.get<double>());
      break;
    case json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case json::value_t::array: {
      lua_createtable(L, static_cast<int>(std::min<std::size_t>(v.size(), 1 << 20)), 0);
      lua_Integer i = 1;
      for (const auto& e : v) {
        Push(L, e, depth_left - 1);
        lua_rawseti(L, -2, i++);
      }
      break;
    }
    case json::value_t::object: {
      lua_createtable(L, 0, static_cast<int>(std::min<std::size_t>(v.size(), 1 << 20)));
      for (const auto& [k, e] : v.items()) {
        if (e.is_null()) continue;
        lua_pushlstring(L, k.data(), k.size());
        Push(L, e, depth_left - 1);
        lua_rawset(L, -3);
      }
      break;
    }
    default:  // binary, discarded
      lua_pushnil(L);
      break;
  }
}

Status Err(const std::string& path, const std::string& what) {
  return Status(ErrorCode::kInvalidInput, path + ": " + what);
}

// Bytes of `s` as a JSON string (quotes and escapes).
std::size_t EscapedSize(const char* s, std::size_t len) {
  std::size_t n = len + 2;
  for (std::size_t i = 0; i < len; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20) {
      n += 5;
    } else if (c == '"' || c == '\\') {
      n += 1;
    }
  }
  return n;
}

// Estimated bytes of a json holding a string of `len` bytes (node, std::string, heap block).
constexpr std::size_t kNodeBytes = sizeof(json);
constexpr std::size_t kStringOverhead = sizeof(std::string) + 16;
constexpr std::size_t kMemberOverhead = 64;  // a std::map node besides key and value

class Converter {
 public:
  Converter(lua_State* L, std::string root, const JsonLimits& limits)
      : L_(L), root_(std::move(root)), limits_(limits) {}

  Result<json> Convert(int index, int depth) {
    index = lua_absindex(L_, index);
    if (++nodes_ > limits_.max_values) {
      return Err(Path(), "more than " + std::to_string(limits_.max_values) + " values");
    }
    if (Status s = Charge(kNodeBytes, 1); !s.ok()) return s;
    switch (lua_type(L_, index)) {
      case LUA_TNIL:
        return json(nullptr);
      case LUA_TBOOLEAN:
        return json(lua_toboolean(L_, index) != 0);
      case LUA_TNUMBER: {
        if (lua_isinteger(L_, index))
          return json(static_cast<std::int64_t>(lua_tointeger(L_, index)));
        double d = lua_tonumber(L_, index);
        if (!std::isfinite(d)) return Err(Path(), "cannot convert NaN or infinity to JSON");
        return json(d);
      }
      case LUA_TSTRING: {
        std::size_t len = 0;
        const char* s = lua_tolstring(L_, index, &len);
        if (Status st = Charge(kStringOverhead + len, EscapedSize(s, len)); !st.ok()) return st;
        return json(std::string(s, len));
      }
      case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L_, index) == &kLuaJsonNull) return json(nullptr);
        return Err(Path(), "cannot convert a userdata to JSON");
      case LUA_TTABLE:
        return Table(index, depth);
      default:
        return Err(Path(),
                   std::string("cannot convert a ") + luaL_typename(L_, index) + " to JSON");
    }
  }

 private:
  Result<json> Table(int index, int depth) {
    if (depth >= limits_.max_depth) {
      return Err(Path(), "nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    const void* self = lua_topointer(L_, index);
    if (!on_path_.insert(self).second) return Err(Path(), "cycle: the table contains itself");
    if (!lua_checkstack(L_, 4)) return Err(Path(), "nested too deeply");
    // First pass: classify keys.
    std::size_t count = 0;
    lua_Integer max_index = 0;
    bool has_string = false, has_other = false;
    lua_pushnil(L_);
    while (lua_next(L_, index) != 0) {
      ++count;
      if (lua_type(L_, -2) == LUA_TSTRING) {
        has_string = true;
      } else if (lua_isinteger(L_, -2) && lua_tointeger(L_, -2) >= 1) {
        max_index = std::max(max_index, lua_tointeger(L_, -2));
      } else {
        has_other = true;
      }
      lua_pop(L_, 1);
    }
    Result<json> out = json::array();
    if (has_other || (has_string && max_index > 0)) {
      out = Err(Path(), "a table with mixed or non-string keys cannot become JSON");
    } else if (!has_string && static_cast<std::size_t>(max_index) != count) {
      out = Err(Path(), "an array with holes cannot become JSON (use connector.null)");
    } else if (!has_string) {
      json arr = json::array();
      for (lua_Integer i = 1; i <= max_index && out.ok(); ++i) {
        lua_rawgeti(L_, index, i);
        segments_.push_back({i, {}});
        auto e = Convert(-1, depth + 1);
        segments_.pop_back();
        lua_pop(L_, 1);
        if (!e.ok()) {
          out = e.status();
        } else {
          arr.push_back(std::move(*e));
        }
      }
      if (out.ok()) out = std::move(arr);
    } else {
      json obj = json::object();
      lua_pushnil(L_);
      while (lua_next(L_, index) != 0) {
        std::size_t len = 0;
        const char* k = lua_tolstring(L_, -2, &len);  // a string key: no conversion happens
        std::string key(k, len);
        if (Status st = Charge(kMemberOverhead + kStringOverhead + len, EscapedSize(k, len) + 1);
            !st.ok()) {
          lua_pop(L_, 2);
          out = st;
          break;
        }
        segments_.push_back({0, key});
        auto e = Convert(-1, depth + 1);
        segments_.pop_back();
        lua_pop(L_, 1);
        if (!e.ok()) {
          lua_pop(L_, 1);
          out = e.status();
          break;
        }
        obj[key] = std::move(*e);
      }
      if (out.ok()) out = std::move(obj);
    }
    on_path_.erase(self);
    return out;
  }

  // Counts `bytes` of memory and `text` bytes of serialisation against the limits.
  Status Charge(std::size_t bytes, std::size_t text) {
    bytes_ += bytes;
    text_ += text;
    if (bytes_ > limits_.max_bytes) {
      return Status(ErrorCode::kLimitExceeded, Path() + ": memory limit of " +
                                                   std::to_string(limits_.memory_limit) +
                                                   " bytes exceeded converting to JSON");
    }
    if (text_ > limits_.max_text_bytes) {
      return Status(
          ErrorCode::kLimitExceeded,
          Path() + ": larger than " + std::to_string(limits_.max_text_bytes) + " bytes of JSON");
    }
    return Status();
  }

  // The path of the value being converted ("result.users[2].name"), built only for errors.
  std::string Path() const {
    std::string out = root_;
    for (const Segment& seg : segments_) {
      out += seg.key.empty() ? "[" + std::to_string(seg.index) + "]" : "." + seg.key;
    }
    return out;
  }

  lua_State* L_;
  std::string root_;
  struct Segment {
    lua_Integer index = 0;  // an array position, when key is empty
    std::string key;
  };
  std::vector<Segment> segments_;
  JsonLimits limits_;
  std::size_t nodes_ = 0;
  std::size_t bytes_ = 0;
  std::size_t text_ = 0;
  std::unordered_set<const void*> on_path_;
};

}  // namespace

void PushJson(lua_State* L, const json& value, int max_depth) {
  if (value.is_null()) {
    lua_pushnil(L);
    return;
  }
  Push(L, value, max_depth);
}

Result<json> ToJson(lua_State* L, int index, const std::string& path, const JsonLimits& limits) {
  Converter c(L, path, limits);
  return c.Convert(index, 0);
}

}  // namespace aic::script
