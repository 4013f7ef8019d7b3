// The Lua 5.4 headers, as built for C++ (Debian's liblua5.4-c++: errors are C++ exceptions, so
// destructors of C++ frames run when a Lua error crosses them). lua.hpp declares the API
// extern "C", which is how the C++ build exports it.
#pragma once

#include <lua.hpp>
