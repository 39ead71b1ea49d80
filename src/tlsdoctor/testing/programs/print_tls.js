// Node's TLS itself, and its built-in fetch (undici). "tls": tls.connect with the CA
// given and console.error(err). "fetch": fetch(url) trusting the CA through
// NODE_EXTRA_CA_CERTS (fetch takes no ca option), the rejection left uncaught, so Node
// prints "TypeError: fetch failed" and the error's cause chain ([cause]: ...); a request
// left pending when Node's loop empties is said and fails (exit 1), not a silent exit 0.
// Usage: node print_tls.js tls|fetch PORT CA.pem CAP(1.2|-) TIMEOUT_SECONDS
const tls = require('tls'), fs = require('fs');
const [mode, port, ca, cap, wait] = process.argv.slice(2);
if (mode === 'fetch') {
  let settled = false;
  fetch(`https://localhost:${port}/`, { signal: AbortSignal.timeout(wait * 1000) })
    .then(res => console.log(res.status))
    .finally(() => { settled = true; });  // a rejection still goes on uncaught
  // Node exits 0 without a word when its loop empties with the request neither answered
  // nor failed (the timeout's timer is unref'd): seen when a TLS 1.3 server's alert and
  // close race undici's write. Say so, and fail, rather than look like a success.
  process.on('beforeExit', () => {
    if (!settled) {
      console.error('fetch neither answered nor failed: the event loop emptied with the ' +
                    'request pending');
      process.exitCode = 1;
    }
  });
} else {
  const sock = tls.connect({ host: 'localhost', port: +port, servername: 'localhost',
    ca: fs.readFileSync(ca), maxVersion: cap === '1.2' ? 'TLSv1.2' : undefined },
  () => { console.log(sock.getProtocol()); sock.end(); });
  sock.on('error', err => { console.error(err); process.exit(1); });
}
