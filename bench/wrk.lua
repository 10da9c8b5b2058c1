-- wrk script of bench/http.sh: GET PREFIX .. <a random line of INPUTS> (or
-- PREFIX alone when INPUTS is empty), with the session cookie COOKIE (and
-- Accept-Encoding: ACCEPT_ENCODING when set).
local prefix = os.getenv("PREFIX") or "/"
local inputs = os.getenv("INPUTS") or ""
local cookie = os.getenv("COOKIE") or ""
local items = {}
if inputs ~= "" then
  for line in io.lines(inputs) do
    if line ~= "" then items[#items + 1] = line end
  end
end
wrk.headers["Cookie"] = cookie
-- ACCEPT_ENCODING (e.g. "gzip"): sent as a browser sends it; wrk does not
-- decompress, it counts the bytes that came.
local accept_encoding = os.getenv("ACCEPT_ENCODING") or ""
if accept_encoding ~= "" then wrk.headers["Accept-Encoding"] = accept_encoding end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)

request = function()
  if #items == 0 then return wrk.format("GET", prefix) end
  return wrk.format("GET", prefix .. items[math.random(#items)])
end
