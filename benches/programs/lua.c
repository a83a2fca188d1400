/* Lua: the interpreter runs an embedded script (tables, strings and patterns, closures, sorting,
 * floating point, string building); the script computes the checksum. Lua is built without
 * setjmp (a Lua error aborts; the script raises none) and with a fixed hash seed, so table order
 * is the same everywhere. Size: the script's outer rounds. */
#include "common.h"
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

static const char script[] =
    "local rounds = ...\n"
    "local h = 0\n"
    "local function mix(x) h = (h * 31 + x) % 4294967296 end\n"
    "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\n"
    "local words = {}\n"
    "for w in ('the quick brown fox jumps over the lazy dog while a webassembly interpreter '\n"
    "  .. 'translates every function into registers and a compiler emits machine code'):gmatch('%a+') do\n"
    "  words[#words + 1] = w\n"
    "end\n"
    "local seed = 42\n"
    "local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end\n"
    "for r = 1, rounds do\n"
    "  -- tables as arrays and sorting with a comparator\n"
    "  local t = {}\n"
    "  for i = 1, 5000 do t[i] = rand(1000000) end\n"
    "  table.sort(t, function(a, b) return a > b end)\n"
    "  mix(t[1]) mix(t[#t]) mix(t[2500])\n"
    "  -- tables as maps with string keys\n"
    "  local counts = {}\n"
    "  for i = 1, 8000 do\n"
    "    local w = words[rand(#words) + 1] .. words[rand(#words) + 1]\n"
    "    counts[w] = (counts[w] or 0) + 1\n"
    "  end\n"
    "  local keys = {}\n"
    "  for k in pairs(counts) do keys[#keys + 1] = k end\n"
    "  table.sort(keys)\n"
    "  for i = 1, #keys, 7 do mix(counts[keys[i]]) mix(#keys[i]) end\n"
    "  -- string building, patterns and formatting\n"
    "  local parts = {}\n"
    "  for i = 1, 1000 do parts[#parts + 1] = string.format('%s=%d;%.3f', words[i % #words + 1], i, i / 7) end\n"
    "  local s = table.concat(parts, ' ')\n"
    "  local n = 0\n"
    "  for k, v in s:gmatch('(%a+)=(%d+)') do n = n + #k + tonumber(v) end\n"
    "  mix(n) mix(#s)\n"
    "  local replaced, count = s:gsub('%d%d%d', function(d) return d:reverse() end)\n"
    "  mix(count) mix(#replaced) mix(replaced:byte(#replaced // 2))\n"
    "  -- closures, recursion and floating point\n"
    "  local acc = {}\n"
    "  for i = 1, 100 do acc[i] = function(x) return x * i + r end end\n"
    "  local sum = 0\n"
    "  for i = 1, 100 do for j = 1, 25 do sum = sum + acc[i](j) end end\n"
    "  mix(sum % 1000003) mix(fib(16))\n"
    "  local x = 0.0\n"
    "  for i = 1, 12000 do x = x + math.sqrt(i) / (1 + (i % 10) / 3) end\n"
    "  mix(math.floor(x * 1000) % 1000003)\n"
    "  -- objects through metatables\n"
    "  local Vec = {}\n"
    "  Vec.__index = Vec\n"
    "  Vec.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, Vec) end\n"
    "  function Vec:dot(o) return self.x * o.x + self.y * o.y end\n"
    "  local v = setmetatable({x = 0, y = 0}, Vec)\n"
    "  for i = 1, 5000 do v = v + setmetatable({x = i % 17, y = i % 23}, Vec) end\n"
    "  mix(v:dot(v) % 1000003)\n"
    "end\n"
    "return string.format('%08x', h)\n";

int main(int argc, char **argv) {
    long rounds = bench_size(argc, argv, 6);
    lua_State *L = luaL_newstate();
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    lua_settop(L, 0);
    if (luaL_loadstring(L, script) != LUA_OK) {
        fprintf(stderr, "lua: %s\n", lua_tostring(L, -1));
        return 1;
    }
    lua_pushinteger(L, rounds);
    lua_call(L, 1, 1);
    printf("%s: %ld rounds, checksum %s\n", LUA_RELEASE, rounds, lua_tostring(L, -1));
    lua_close(L);
    return 0;
}
