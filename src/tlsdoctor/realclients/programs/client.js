// Real Node.js client for tlsdoctor's real-client harness: https.get with Node's defaults,
// trusting the CA given in NODE_EXTRA_CA_CERTS, names resolved to 127.0.0.1.
// Usage: node client.js TARGETS.json  -> one JSON line per target: {"name","ok","error"}.
'use strict';
const fs = require('fs');
const https = require('https');

const targets = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const lookup = (hostname, options, cb) => {
  if (options && options.all) return cb(null, [{ address: '127.0.0.1', family: 4 }]);
  return cb(null, '127.0.0.1', 4);
};
for (const t of targets) {
  let done = false;
  const finish = (ok, error) => {
    if (done) return;
    done = true;
    process.stdout.write(JSON.stringify({ name: t.name, ok, error }) + '\n');
  };
  const req = https.get({ host: t.host, port: t.port, path: '/', lookup, agent: false, timeout: 10000 }, (res) => {
    res.on('data', () => {});
    res.on('end', () => finish(true, ''));
    res.on('error', () => finish(true, ''));
  });
  req.on('timeout', () => req.destroy(new Error('timeout after 10 s')));
  req.on('error', (err) => finish(false, (err.code ? err.code + ': ' : '') + err.message));
}
