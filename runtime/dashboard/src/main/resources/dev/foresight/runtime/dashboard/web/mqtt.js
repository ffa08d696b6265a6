// A small MQTT 5 client over WebSocket (subprotocol "mqtt"): CONNECT with optional credentials,
// SUBSCRIBE, PUBLISH at QoS 0/1 with properties (response topic, correlation data, user properties),
// PUBACK for what arrives at QoS 1, keep-alive pings. Only what the dashboard needs; no dependencies.
'use strict';
const Mqtt = (() => {
  const enc = new TextEncoder(), dec = new TextDecoder();
  const vbi = n => { const b = []; do { let d = n % 128; n = Math.floor(n / 128); if (n > 0) d |= 128; b.push(d); } while (n > 0); return b; };
  const u16 = n => [n >> 8 & 255, n & 255];
  const u32 = n => [n >>> 24 & 255, n >> 16 & 255, n >> 8 & 255, n & 255];
  const bin = a => [...u16(a.length), ...a];
  const str = s => bin(enc.encode(s));
  const packet = (type, body) => new Uint8Array([type, ...vbi(body.length), ...body]);
  // Property ids and how they are encoded (MQTT 5 section 2.2.2.2).
  const PROPS = { 1: 'b', 2: 'i', 3: 's', 8: 's', 9: 'x', 11: 'v', 17: 'i', 18: 's', 19: 'h', 21: 's', 22: 'x',
    23: 'b', 24: 'i', 25: 'b', 26: 's', 28: 's', 31: 's', 33: 'h', 34: 'h', 35: 'h', 36: 'b', 37: 'b', 38: 'p',
    39: 'i', 40: 'b', 41: 'b', 42: 'b' };

  class Reader {
    constructor(b) { this.b = b; this.i = 0; }
    byte() { return this.b[this.i++]; }
    u16() { const v = this.b[this.i] << 8 | this.b[this.i + 1]; this.i += 2; return v; }
    u32() { const v = (this.b[this.i] << 24 >>> 0) + (this.b[this.i + 1] << 16 | this.b[this.i + 2] << 8 | this.b[this.i + 3]); this.i += 4; return v; }
    vbi() { let m = 1, v = 0, d; do { d = this.byte(); v += (d & 127) * m; m *= 128; } while (d & 128); return v; }
    bin() { const n = this.u16(), v = this.b.subarray(this.i, this.i + n); this.i += n; return v; }
    str() { return dec.decode(this.bin()); }
    props() {
      const end = this.vbi() + this.i, p = { user: {} };
      while (this.i < end) {
        const id = this.byte(), t = PROPS[id];
        if (t === 'b') p[id] = this.byte(); else if (t === 'h') p[id] = this.u16(); else if (t === 'i') p[id] = this.u32();
        else if (t === 'v') p[id] = this.vbi(); else if (t === 's') p[id] = this.str(); else if (t === 'x') p[id] = this.bin();
        else if (t === 'p') { const k = this.str(); p.user[k] = this.str(); } else throw new Error('bad MQTT property ' + id);
      }
      return p;
    }
  }

  function props(o) {
    const b = [];
    if (o.sessionExpiry != null) b.push(17, ...u32(o.sessionExpiry));
    if (o.responseTopic) b.push(8, ...str(o.responseTopic));
    if (o.correlation) b.push(9, ...bin(enc.encode(o.correlation)));
    for (const [k, v] of Object.entries(o.user || {})) b.push(38, ...str(k), ...str(v));
    return [...vbi(b.length), ...b];
  }

  /** One connection. Callbacks: onConnect(), onClose(reason), onMessage(topic, text, props). */
  class Client {
    constructor(url, opts) {
      this.opts = Object.assign({ keepAliveS: 10, clientId: 'fs-dash-' + Math.random().toString(36).slice(2, 10) }, opts);
      this.nextId = 1; this.pending = new Map(); this.buf = new Uint8Array(0); this.connected = false;
      this.onConnect = () => {}; this.onClose = () => {}; this.onMessage = () => {};
      this.ws = new WebSocket(url, ['mqtt']);
      this.ws.binaryType = 'arraybuffer';
      this.ws.onopen = () => this.sendConnect();
      this.ws.onmessage = e => { this.lastRx = Date.now(); this.receive(new Uint8Array(e.data)); };
      // A link that dies without a TCP reset (a radio out of range) closes nothing: no CONNACK within 10 s,
      // or silence for 1.5 keep-alive periods once connected (PINGRESP included), counts as lost.
      this.lastRx = Date.now();
      this.watch = setInterval(() => {
        const quiet = Date.now() - this.lastRx, limit = this.connected ? this.keepAliveMs * 1.5 : 10000;
        if (quiet > limit) this.close('no answer from the broker for ' + (quiet / 1000).toFixed(1) + ' s');
      }, 500);
      this.ws.onclose = e => this.closed(e.reason || ('WebSocket closed (' + e.code + ')'));
      this.ws.onerror = () => {};
    }
    sendConnect() {
      const o = this.opts, user = o.username != null && o.username !== '';
      const flags = 0x02 | (user ? 0x80 : 0) | (user && o.password ? 0x40 : 0);
      const body = [...str('MQTT'), 5, flags, ...u16(o.keepAliveS), ...props({ sessionExpiry: 0 }), ...str(o.clientId)];
      if (user) body.push(...str(o.username));
      if (user && o.password) body.push(...str(o.password));
      this.ws.send(packet(0x10, body));
    }
    receive(chunk) {
      // A WebSocket message may hold part of a packet or several: keep the rest for the next one.
      const b = new Uint8Array(this.buf.length + chunk.length); b.set(this.buf); b.set(chunk, this.buf.length);
      let i = 0;
      for (;;) {
        let j = i + 1, m = 1, len = 0, d;
        if (j >= b.length) break;
        do { if (j >= b.length) { d = -1; break; } d = b[j++]; len += (d & 127) * m; m *= 128; } while (d & 128);
        if (d < 0 || j + len > b.length) break;
        this.handle(b[i], new Reader(b.subarray(j, j + len)), len);
        i = j + len;
      }
      this.buf = b.slice(i);
    }
    handle(first, r, len) {
      const type = first >> 4;
      if (type === 2) {                      // CONNACK
        r.byte(); const code = r.byte(), p = r.props();
        if (code !== 0) { this.close('broker refused the connection: ' + (p[31] || reasonName(code))); return; }
        this.connected = true;
        // PINGREQ every half keep-alive period (the broker may shorten it: Server Keep Alive, property 19).
        this.keepAliveMs = (p[19] != null ? p[19] : this.opts.keepAliveS) * 1000;
        this.ping = setInterval(() => { if (this.ws.readyState === WebSocket.OPEN) this.ws.send(new Uint8Array([0xC0, 0])); },
          this.keepAliveMs / 2);
        this.onConnect();
      } else if (type === 3) {               // PUBLISH
        const qos = first >> 1 & 3, topic = r.str(), id = qos ? r.u16() : 0, p = r.props();
        const text = dec.decode(r.b.subarray(r.i, len));
        if (qos === 1) this.ws.send(packet(0x40, u16(id)));
        this.onMessage(topic, text, p);
      } else if (type === 4) {               // PUBACK: reason code (absent: success)
        const id = r.u16(); this.settle(id, len > 2 ? r.byte() : 0);
      } else if (type === 9) {               // SUBACK: the first filter's reason code
        const id = r.u16(); r.props(); this.settle(id, r.byte());
      } else if (type === 14) {              // DISCONNECT from the broker
        const code = len > 0 ? r.byte() : 0;
        this.close('broker disconnected: ' + reasonName(code));
      }
    }
    subscribe(filters) {
      const id = this.id(), body = [...u16(id), 0];
      for (const f of filters) body.push(...str(f), 1);   // QoS 1 at most; no local, retained sent as usual
      this.ws.send(packet(0x82, body));
      return new Promise(res => this.pending.set(id, res));
    }
    unsubscribe(filters) {
      if (!filters.length || !this.connected) return;
      const id = this.id(), body = [...u16(id), 0];
      for (const f of filters) body.push(...str(f));
      this.ws.send(packet(0xA2, body));
    }
    /** Publishes; with qos 1 the promise resolves with the broker's PUBACK reason code (0: accepted). */
    publish(topic, text, qos, o) {
      const id = qos ? this.id() : 0;
      const body = [...str(topic), ...(qos ? u16(id) : []), ...props(o || {}), ...enc.encode(text)];
      this.ws.send(packet(0x30 | qos << 1, body));
      return qos ? new Promise(res => this.pending.set(id, res)) : Promise.resolve(0);
    }
    settle(id, code) { const done = this.pending.get(id); this.pending.delete(id); if (done) done(code); }
    id() { const id = this.nextId; this.nextId = this.nextId % 65535 + 1; return id; }
    close(reason) {
      if (this.ws.readyState === WebSocket.OPEN && this.connected) this.ws.send(new Uint8Array([0xE0, 0]));
      this.ws.close(); this.closed(reason || 'closed by the page');
    }
    closed(reason) {
      if (this.done) return;
      this.done = true; this.connected = false; clearInterval(this.ping); clearInterval(this.watch);
      this.onClose(reason);
    }
  }
  function reasonName(code) {
    return { 0x86: 'bad user name or password', 0x87: 'not authorized', 0x8B: 'server shutting down',
      0x8E: 'session taken over', 0x84: 'unsupported protocol version', 0x85: 'client id not valid' }[code]
      || 'reason code 0x' + code.toString(16);
  }
  return { Client, reasonName };
})();
