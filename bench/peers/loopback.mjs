// Preloaded into a peer's server (`node --import`): whatever address it asks to listen on, it
// listens on 127.0.0.1, so a benchmark never opens a peer to the network. Ontime, for one, binds
// 0.0.0.0 with no setting to change it. Unix sockets and inherited handles are left alone.
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const [first, second] = args;
  if (args.length === 0 || typeof first === 'function') {
    args.unshift(0, LOOPBACK);
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second === 'string') args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  } else if (first && typeof first === 'object' && !('path' in first) && !('fd' in first)) {
    if (!('_handle' in first) && !('handle' in first)) args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
