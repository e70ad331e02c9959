/**
 * The domain (registry host) part of an image reference, as distribution/reference defines it (regexp.go):
 * dot-joined labels `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]` or a bracketed IPv6 address `\[[a-fA-F0-9:]+\]`,
 * either with an optional `:port` of digits.
 */
import type { Span } from '../types';
import type { ReferenceError, ReferenceErrorCode } from './types';

const DOMAIN_LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_CONTENT = /^[a-fA-F0-9:]+$/;
/** `fc00::1` written without brackets: only hex digits and colons, at least two colons. */
const UNBRACKETED_IPV6 = /^(?=(?:[^:]*:){2})[a-fA-F0-9:]+$/;

export function referenceError(code: ReferenceErrorCode, message: string, start: number, end: number): ReferenceError {
  return { code, message, span: { start, end } };
}

/**
 * Whether the first `/`-separated component names a registry rather than a Docker Hub namespace
 * (normalize.go splitDockerDomain): `localhost`, anything with `.` or `:`, or anything with an uppercase letter
 * (Hub namespaces are lowercase, so `Foo/bar` means host `Foo`).
 * Two refinements that change no verdict of distribution/reference, only which error is reported:
 * - an uppercase component that cannot be a host name (`Foo_Bar/x`) is treated as a repository, so the error says
 *   "lowercase it" rather than "bad host" (distribution/reference reports "must be lowercase" there as well);
 * - Jib (ImageReference.java) has no uppercase rule at all: `Foo/bar` is the Docker Hub repository `Foo/bar`.
 */
export function isDomainComponent(first: string, jib: boolean): boolean {
  if (first === 'localhost' || first.includes('.') || first.includes(':')) return true;
  return !jib && /[A-Z]/.test(first) && DOMAIN_LABEL.test(first);
}

/** Validate the domain at `span` of `raw`; undefined when it is valid. */
export function checkDomain(raw: string, span: Span, jib: boolean): ReferenceError | undefined {
  const text = raw.slice(span.start, span.end);
  if (text.startsWith('[')) {
    if (jib) {
      return referenceError('jib-ipv6-domain', `Jib does not accept IPv6 registry addresses such as '${text}'`, span.start, span.end);
    }
    return checkBracketedHost(raw, span);
  }
  if (UNBRACKETED_IPV6.test(text)) {
    return referenceError('invalid-ipv6', `IPv6 address '${text}' must be enclosed in brackets, e.g. '[::1]:5000'`, span.start, span.end);
  }
  const colon = text.indexOf(':');
  const hostEnd = colon < 0 ? span.end : span.start + colon;
  return checkHostName(raw, { start: span.start, end: hostEnd }) ?? checkPort(raw, hostEnd, span.end);
}

function checkHostName(raw: string, span: Span): ReferenceError | undefined {
  const host = raw.slice(span.start, span.end);
  if (host === '') {
    return referenceError('invalid-domain', 'the registry host name before the port is missing', span.start, span.start + 1);
  }
  let labelStart = span.start;
  for (const label of host.split('.')) {
    const labelEnd = labelStart + label.length;
    const error = checkHostLabel(raw, span, { start: labelStart, end: labelEnd });
    if (error) return error;
    labelStart = labelEnd + 1;
  }
  return undefined;
}

function checkHostLabel(raw: string, host: Span, labelSpan: Span): ReferenceError | undefined {
  const { start, end } = labelSpan;
  const label = raw.slice(start, end);
  if (label === '') {
    // Point at the dot(s) around the empty label.
    const from = Math.max(start - 1, host.start);
    const to = Math.min(end + 1, host.end);
    const hostName = raw.slice(host.start, host.end);
    return referenceError('invalid-domain', `registry host '${hostName}' has an empty label; dots must separate non-empty labels`, from, to);
  }
  if (DOMAIN_LABEL.test(label)) return undefined;
  const bad = /[^a-zA-Z0-9-]/.exec(label);
  const message = bad
    ? `registry host label '${label}' contains '${bad[0]}'; host names may contain only letters, digits and '-'`
    : `registry host label '${label}' must not start or end with '-'`;
  return referenceError('invalid-domain', message, start, end);
}

/** The port from `colon` (the `:` itself) to `end`; nothing to check when there is no colon. */
function checkPort(raw: string, colon: number, end: number): ReferenceError | undefined {
  if (colon >= end) return undefined;
  const port = raw.slice(colon + 1, end);
  if (port === '') return referenceError('invalid-port', "the port after ':' is empty", colon, colon + 1);
  if (!/^[0-9]+$/.test(port)) {
    return referenceError('invalid-port', `port '${port}' must be a number`, colon + 1, end);
  }
  return undefined;
}

function checkBracketedHost(raw: string, span: Span): ReferenceError | undefined {
  const text = raw.slice(span.start, span.end);
  const close = text.indexOf(']');
  if (close < 0) {
    return referenceError('invalid-ipv6', `IPv6 address '${text}' is missing its closing ']'`, span.start, span.end);
  }
  const inner = text.slice(1, close);
  const innerStart = span.start + 1;
  const innerEnd = span.start + close;
  if (inner === '') return referenceError('invalid-ipv6', "IPv6 address '[]' is empty", span.start, innerEnd + 1);
  const zone = inner.indexOf('%');
  if (zone >= 0) {
    const zoneId = inner.slice(zone);
    return referenceError('invalid-ipv6', `IPv6 zone identifiers such as '${zoneId}' are not allowed in image references`, innerStart + zone, innerEnd);
  }
  if (inner.includes('.')) {
    return referenceError('invalid-ipv6', `IPv6 address '${inner}' embeds an IPv4 address, which image references do not allow; write it in hex only`, innerStart, innerEnd);
  }
  if (!IPV6_CONTENT.test(inner)) {
    return referenceError('invalid-ipv6', `IPv6 address '${inner}' may contain only hex digits and ':'`, innerStart, innerEnd);
  }
  const afterClose = innerEnd + 1;
  if (afterClose < span.end && raw[afterClose] !== ':') {
    const rest = raw.slice(afterClose, span.end);
    return referenceError('invalid-ipv6', `unexpected '${rest}' after the IPv6 address; only ':port' may follow ']'`, afterClose, span.end);
  }
  return checkPort(raw, afterClose, span.end);
}
