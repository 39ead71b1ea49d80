-- LuaSec as its users write it: ssl.https.request with a CA file and verify = "peer",
-- printing the error string it returns (request returns nil, err) as print(err) does.
-- LuaSec checks no host name by itself. Usage: lua print_luasec.lua URL CA CAP TIMEOUT
local https = require("ssl.https")
local url, ca, cap, wait = arg[1], arg[2], arg[3], tonumber(arg[4])
https.TIMEOUT = wait
local body, code = https.request({url = url, cafile = ca, verify = "peer",
  protocol = cap == "1.2" and "tlsv1_2" or "any", options = "all",
  sink = function() return 1 end})
if body == nil then
  print(code)
  os.exit(1)
end
print(code)
