// A small Node.js tls.createServer for tlsdoctor's scenario tests
// (tlsdoctor.testing.stacks). argv[2] is a JSON object: port, cert, key and the
// tls.createServer options an operator sets (minVersion, maxVersion, ciphers,
// clientCa -> requestCert + rejectUnauthorized, sni -> SNICallback failing for other names;
// log: 'event' logs the tlsClientError event as an application does).
'use strict';
const fs = require('fs');
const tls = require('tls');

const conf = JSON.parse(process.argv[2]);
const opts = {cert: fs.readFileSync(conf.cert), key: fs.readFileSync(conf.key)};
for (const k of ['minVersion', 'maxVersion', 'ciphers']) {
  if (conf[k]) opts[k] = conf[k];
}
if (conf.clientCa) {
  Object.assign(opts, {ca: fs.readFileSync(conf.clientCa), requestCert: true,
                       rejectUnauthorized: true});
}
if (conf.sni) {
  const ctx = tls.createSecureContext({cert: opts.cert, key: opts.key});
  opts.SNICallback = (name, cb) => {
    if (name === conf.sni) cb(null, ctx);
    else cb(new Error('no certificate for ' + name));
  };
}
let served = 0;
const server = tls.createServer(opts, (sock) => {
  sock.setTimeout(5000, () => sock.destroy());
  sock.once('data', () => sock.end('HTTP/1.0 200 OK\r\nServer: node-tls\r\nContent-Length: 2\r\n\r\nok'));
  sock.on('error', () => {});
  if (++served >= 10000) server.close();
});
if (conf.log === 'event') {
  // As an application logs the event: its name, then the error object as Node prints it.
  server.on('tlsClientError', (err) => console.error('tlsClientError:', err));
} else {
  server.on('tlsClientError', (err) => console.error('handshake:', err.code || '', err.message));
}
server.listen(conf.port, '127.0.0.1');
