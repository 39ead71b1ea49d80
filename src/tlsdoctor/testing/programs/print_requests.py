"""A requests program as its users write it: requests.get with its default bundle (certifi),
uncaught on failure, so the traceback is what Python prints. requests has no option to
resolve a name elsewhere; urllib3's connection factory is given the address instead (the
in-process equivalent of curl --resolve).
Usage: python3 print_requests.py URL ADDRESS TIMEOUT_SECONDS
"""

import socket
import sys
from typing import Any

import requests
import urllib3.util.connection as connection

url, address, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
_create = connection.create_connection


def _to_address(addr: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
    return _create((address, addr[1]), *args, **kwargs)


connection.create_connection = _to_address  # type: ignore[assignment]
print(requests.get(url, timeout=seconds).status_code)
