"""Python's httpx and aiohttp as their users write them: a GET trusting the CA file given
(an ssl context), the exception left uncaught, so Python prints its traceback.
Usage: python3 print_httpx.py httpx|aiohttp URL CA.pem CAP(1.2|-) TIMEOUT_SECONDS"""
import asyncio
import ssl
import sys

mode, url, ca, cap, wait = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
ctx = ssl.create_default_context(cafile=ca)
if cap == "1.2":
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
if mode == "httpx":
    import httpx
    print(httpx.get(url, verify=ctx, timeout=wait).status_code)
else:
    import aiohttp

    async def get() -> int:
        timeout = aiohttp.ClientTimeout(total=wait)
        async with aiohttp.ClientSession(timeout=timeout) as s, s.get(url, ssl=ctx) as r:
            return r.status

    print(asyncio.run(get()))
