#!/bin/sh
# stunnel in client mode, the way its users write a client section (verifyChain, CAfile,
# checkHost, sni), run once in inetd mode: the tunnel's local side is this script's
# stdin/stdout, and stunnel logs to stderr (foreground). Arguments: port, CA file, cap
# ("1.2" caps the version at TLS 1.2, "-" does not), timeout in seconds.
# What the person reads is stunnel's log. stunnel itself exits 0 in inetd mode whatever
# happened; the script fails (exit 1) when the tunnel delivered no page, as its user sees it.
set -eu
port=$1 ca=$2 cap=$3 wait=$4
conf=$(mktemp) page=$(mktemp)
trap 'rm -f "$conf" "$page"' EXIT
{
  echo "foreground = yes"
  echo "syslog = no"
  echo "debug = notice"
  echo "client = yes"
  echo "connect = 127.0.0.1:$port"
  echo "sni = localhost"
  echo "CAfile = $ca"
  echo "verifyChain = yes"
  echo "checkHost = localhost"
  echo "TIMEOUTconnect = ${wait%.*}"
  echo "TIMEOUTbusy = ${wait%.*}"
  if [ "$cap" = "1.2" ]; then echo "sslVersionMax = TLSv1.2"; fi
} > "$conf"
printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' | stunnel "$conf" > "$page"
[ -s "$page" ]
