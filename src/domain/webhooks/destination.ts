import { BlockList, isIP } from 'node:net';

// Where a webhook may be sent. Checked twice: on the URL when a subscription is saved (a
// clear 422 early), and on the resolved address at every delivery (a host that resolves
// to an internal address later, DNS rebinding, is refused then).

export interface DestinationRules {
  /** http:// to a loopback host, for development and tests (WEBHOOKS_ALLOW_HTTP_LOOPBACK). */
  allowHttpLoopback: boolean;
  /** CIDRs let through although private, e.g. an on-premises CRM at 10.1.2.0/24. */
  allowedCidrs: readonly string[];
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.']);

const refused = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) refused.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['fd00:ec2::', 32],
] as const) refused.addSubnet(net, bits, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** `::ffff:10.0.0.1` is 10.0.0.1 to the network stack. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
}

export const isLoopbackAddress = (address: string): boolean => loopback.check(unmapped(address), family(unmapped(address)));

function allowListed(address: string, cidrs: readonly string[]): boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split('/');
    if (net && bits && isIP(net)) list.addSubnet(net, Number(bits), family(net));
  }
  return list.check(address, family(address));
}

/** Why a resolved address is refused, or null when it may be connected to. */
export function refusedAddress(address: string, protocol: 'http:' | 'https:', rules: DestinationRules): string | null {
  const a = unmapped(address);
  if (allowListed(a, rules.allowedCidrs)) return null;
  if (isLoopbackAddress(a)) return rules.allowHttpLoopback ? null : `${address} is a loopback address`;
  if (protocol === 'http:') return 'http is allowed only to loopback hosts (WEBHOOKS_ALLOW_HTTP_LOOPBACK)';
  if (refused.check(a, family(a))) return `${address} is a private, link-local or reserved address`;
  return null;
}

/** Why a subscription URL is refused, or null. Addresses are checked again at delivery. */
export function refusedUrl(value: string, rules: DestinationRules): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isLoopbackHost = LOOPBACK_NAMES.has(host) || (isIP(host) !== 0 && isLoopbackAddress(host));
  if (url.protocol === 'http:') return rules.allowHttpLoopback && isLoopbackHost ? null : 'must be https (http only to a loopback host when WEBHOOKS_ALLOW_HTTP_LOOPBACK=true)';
  if (url.protocol !== 'https:') return 'must be https';
  if (isIP(host) !== 0) return refusedAddress(host, 'https:', rules);
  if (isLoopbackHost && !rules.allowHttpLoopback) return 'must not be a loopback host';
  return null;
}
