// Node's TLS itself, and its built-in fetch (undici). "tls": tls.connect with the CA
// given and console.error(err). "fetch": fetch(url) trusting the CA through
// NODE_EXTRA_CA_CERTS (fetch takes no ca option), the rejection left uncaught, so Node
// prints "TypeError: fetch failed" and the error's cause chain ([cause]: ...).
// Usage: node print_tls.js tls|fetch PORT CA.pem CAP(1.2|-) TIMEOUT_SECONDS
const tls = require('tls'), fs = require('fs');
const [mode, port, ca, cap, wait] = process.argv.slice(2);
if (mode === 'fetch') {
  fetch(`https://localhost:${port}/`, { signal: AbortSignal.timeout(wait * 1000) })
    .then(res => console.log(res.status));
} else {
  const sock = tls.connect({ host: 'localhost', port: +port, servername: 'localhost',
    ca: fs.readFileSync(ca), maxVersion: cap === '1.2' ? 'TLSv1.2' : undefined },
  () => { console.log(sock.getProtocol()); sock.end(); });
  sock.on('error', err => { console.error(err); process.exit(1); });
}
