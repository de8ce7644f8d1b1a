/**
 * Which proxies in front of Gavel are believed when they say who the client is. `X-Forwarded-For`
 * is a list each proxy appends to, so only its right end is written by proxies Gavel trusts: the
 * client's address is the first one, from the right, that no trusted proxy added. Trusting the
 * leftmost entry would let any phone claim any address (the moderator's, to spend her budget; a
 * new one per request, to escape every limit).
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The proxies to trust: how many hops stand in front of Gavel (1 for one nginx or Caddy), or
 * their addresses and subnets (`10.0.0.5`, `10.0.0.0/8`, `loopback`, `uniquelocal`), as Express's
 * `trust proxy` understands them. None by default.
 */
export type TrustProxy = number | readonly string[];

/** Decides, hop by hop from the right, whether an address was added by a trusted proxy. */
export type TrustFn = (address: string, hop: number) => boolean;

/**
 * Reads `GAVEL_TRUST_PROXY`: a hop count or a comma-separated list of addresses. Unset or `0`
 * trusts nobody. Anything else, `true` included (it would believe whatever a client writes), is a
 * sentence for the person starting Gavel.
 */
export function parseTrustProxy(
  text: string | undefined,
): { ok: true; trust: TrustProxy | null } | { ok: false; message: string } {
  const value = text?.trim() ?? '';
  if (value === '' || value === '0') return { ok: true, trust: null };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) {
      return { ok: false, message: `GAVEL_TRUST_PROXY=${value}: at most 10 proxies in a row.` };
    }
    return { ok: true, trust: hops };
  }
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  try {
    proxyAddr.compile(addresses);
  } catch {
    return {
      ok: false,
      message: `GAVEL_TRUST_PROXY must be the number of proxies in front of Gavel (1 for one nginx or Caddy) or their addresses separated by commas, such as 10.0.0.5 or loopback: "${value.slice(0, 80)}" is neither.`,
    };
  }
  return { ok: true, trust: addresses };
}

/** The trust rule for a setting: nobody when none is configured. */
export function compileTrust(trust: TrustProxy | null): TrustFn {
  if (trust === null) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  const trusted = proxyAddr.compile([...trust]);
  return (address, hop) => trusted(address, hop);
}

/** The client's address of a request: the first, from the right, not added by a trusted proxy. */
export function addressOf(request: IncomingMessage, trust: TrustFn): string {
  return proxyAddr(request, trust);
}

/**
 * Reads a comma-separated list of sites (`https://obs.example.org`), as their origins. Empty when
 * unset; anything that is not an http(s) address is a sentence naming the variable.
 */
export function originList(
  name: string,
  text: string | undefined,
): { ok: true; origins: string[] } | { ok: false; message: string } {
  const origins: string[] = [];
  for (const part of (text ?? '').split(',')) {
    const value = part.trim();
    if (value === '') continue;
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return {
        ok: false,
        message: `${name} lists sites by their address, such as https://obs.example.org, separated by commas: "${value.slice(0, 80)}" is not one.`,
      };
    }
    origins.push(url.origin);
  }
  return { ok: true, origins };
}
