// Preload that forbids every network entry point of Node (PHI tests): `node --require
// test/helpers/no-network.cjs dist/server.js --stdio`. Each use is recorded — appended as one JSON line to
// the file named by NO_NETWORK_LOG (if set) and written to stderr as `@@NETWORK@@ <what>` — and throws, so
// a test fails even when the caller swallows the error. Guards: net.connect/createConnection,
// net.Socket.prototype.connect, tls.connect, http/https request/get, http2.connect, dns (callback and
// promises: lookup, lookupService, resolve*, reverse), dgram.createSocket, globalThis.fetch and WebSocket.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload */
const fs = require('node:fs');

function record(what) {
  const line = JSON.stringify({ what, pid: process.pid, stack: new Error().stack.split('\n').slice(2, 6).join('\n') });
  if (process.env.NO_NETWORK_LOG) {
    try {
      fs.appendFileSync(process.env.NO_NETWORK_LOG, line + '\n');
    } catch {
      /* the stderr line below still reports it */
    }
  }
  try {
    process.stderr.write(`@@NETWORK@@ ${what}\n`);
  } catch {
    /* ignore */
  }
  const err = new Error(`network use is forbidden in this process (PHI guard): ${what}`);
  err.code = 'ENETWORKFORBIDDEN';
  return err;
}

function guard(obj, name, label) {
  if (!obj || typeof obj[name] !== 'function') return;
  const fn = function () {
    throw record(label);
  };
  try {
    Object.defineProperty(obj, name, { value: fn, writable: true, configurable: true });
  } catch {
    obj[name] = fn;
  }
}

const net = require('node:net');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');
guard(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
const tls = require('node:tls');
guard(tls, 'connect', 'tls.connect');
for (const mod of ['http', 'https']) {
  const m = require(`node:${mod}`);
  guard(m, 'request', `${mod}.request`);
  guard(m, 'get', `${mod}.get`);
}
guard(require('node:http2'), 'connect', 'http2.connect');
const dns = require('node:dns');
const DNS = [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCaa',
  'resolveCname',
  'resolveMx',
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
];
for (const n of DNS) {
  guard(dns, n, `dns.${n}`);
  guard(dns.promises, n, `dns.promises.${n}`);
  guard(dns.Resolver && dns.Resolver.prototype, n, `dns.Resolver.${n}`);
  guard(dns.promises.Resolver && dns.promises.Resolver.prototype, n, `dns.promises.Resolver.${n}`);
}
guard(require('node:dgram'), 'createSocket', 'dgram.createSocket');
for (const g of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[g] === 'function') guard(globalThis, g, `globalThis.${g}`);
}
