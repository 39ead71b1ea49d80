// A Node program as its users write it: https.get with Node's bundled roots, its `lookup`
// option (Node's own way to resolve a name elsewhere) pointed at one address, and the
// failure printed as node-fetch/npm print it ("request to URL failed, reason: MESSAGE")
// followed by console.error(err).
// Usage: node print_fetch.js URL ADDRESS TIMEOUT_SECONDS
const https = require('https');
const [url, address, seconds] = process.argv.slice(2);
const lookup = (host, opts, cb) => (opts && opts.all
  ? cb(null, [{ address, family: 4 }]) : cb(null, address, 4));
const req = https.get(url, { lookup, timeout: Number(seconds) * 1000 }, (res) => {
  console.log(res.statusCode);
  res.resume();
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', (err) => {
  console.error(`request to ${url} failed, reason: ${err.message}`);
  console.error(err);
  process.exit(1);
});
