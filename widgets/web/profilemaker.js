// Makes a personal Apple configuration profile in the page, without the Python runtime.
// The rules and the template come from mailcheck.profile.page (written at build time);
// every step mirrors mailcheck.profile.account and .mobileconfig, and
// tests/test_profile_page.py proves, for thousands of inputs, that the bytes are the
// CLI's. No DOM here: the test runs this module in Node.

const MAIL_PAYLOAD = "com.apple.mail.managed";

const inRanges = (point, ranges) => ranges.some(([first, last]) => first <= point && point <= last);
const points = (text) => [...text]; // code points; a lone surrogate is one, as in Python
const octets = (text) => new TextEncoder().encode(text).length; // UTF-8; a lone surrogate never gets here

/** Python's str.strip(chars): `chars` are all in the BMP, so code units are code points. */
function strip(text, chars) {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** `{name}` placeholders, as str.format fills them. */
const format = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

/** How a message names a character (account.code_point). */
function codePoint(char) {
  const label = `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return /^[\p{C}\p{Z}\p{M}]$/u.test(char) ? label : `“${char}” (${label})`;
}

function shown(value, limit) {
  const chars = points(value);
  return chars.length <= limit ? value : chars.slice(0, limit - 1).join("") + "\u2026";
}

function firstOutside(text, ascii, letters) {
  return points(text).find((c) => !ascii.includes(c) && (c.codePointAt(0) < 0x80 || !inRanges(c.codePointAt(0), letters)));
}

function badLabels(labels, limit) {
  return labels.length < 2
    || labels.some((label) => !label || label[0] === "-" || label.at(-1) === "-" || octets(label) > limit)
    || "0123456789".includes(labels.at(-1)[0]);
}

/** The domain's A-label from the browser's URL parser (UTS 46), checked label by label. */
function aLabel(domain) {
  let host;
  try {
    host = new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
  const typed = domain.split(".");
  const made = host.split(".");
  const agrees = made.length === typed.length && made.every((label, i) =>
    (/^[\x00-\x7f]*$/.test(typed[i]) ? label === typed[i] : label.startsWith("xn--")));
  return agrees ? host : null;
}

/** (account or null, findings) for the address as typed; account.check_address. */
function checkAddress(value, rules, finding) {
  const { limits } = rules;
  value = strip(value, rules.trim);
  if (!value) return [null, [finding("PROFILE_ADDRESS_EMPTY")]];
  if (points(value).length > limits.address) return [null, [finding("PROFILE_ADDRESS_TOO_LONG")]];
  value = value.normalize("NFC");
  const quoted = shown(value, limits.shown);
  if (!value.includes("@")) return [null, [finding("PROFILE_ADDRESS_NO_AT", { address: quoted })]];
  const at = value.lastIndexOf("@");
  const local = value.slice(0, at);
  let domain = value.slice(at + 1);
  const bad = firstOutside(local, rules.localAscii, rules.localLetters)
    ?? firstOutside(domain, rules.domainAscii, rules.domainLetters);
  if (bad !== undefined) return [null, [finding("PROFILE_ADDRESS_CHARACTER", { address: quoted, char: codePoint(bad) })]];
  domain = domain.toLowerCase();
  const labels = domain.split(".");
  if (labels.some((label) => label.slice(2, 4) === "--")) return [null, [finding("PROFILE_ADDRESS_ACE", { address: quoted })]];
  const invalid = [null, [finding("PROFILE_ADDRESS_INVALID", { address: quoted })]];
  if (!local || local[0] === "." || local.at(-1) === "." || local.includes("..") || octets(local) > limits.local
      || badLabels(labels, limits.label)) return invalid;
  const ascii = /^[\x00-\x7f]*$/.test(domain) ? domain : aLabel(domain);
  if (ascii === null) return [null, [finding("PROFILE_PAGE_DOMAIN", { address: quoted })]];
  const address = `${local}@${ascii}`;
  if (badLabels(ascii.split("."), limits.label) || ascii.length > limits.domain || octets(address) > limits.address) {
    return invalid;
  }
  const label = `${local}@${domain}`;
  const findings = [];
  if (label !== value) findings.push(finding("PROFILE_ADDRESS_NORMALIZED", { normalized: label }));
  if (address !== label) findings.push(finding("PROFILE_ADDRESS_ASCII_DOMAIN", { idn: domain, ascii }));
  return [{ address, shown: label }, findings];
}

/** (name, findings); account.check_name. */
function checkName(value, rules, finding) {
  value = strip(value, rules.trim);
  if (points(value).length > rules.limits.name) return [value, [finding("PROFILE_NAME_TOO_LONG")]];
  const findings = [];
  for (const [code, ranges] of Object.entries(rules.name)) {
    const bad = points(value).find((c) => inRanges(c.codePointAt(0), ranges));
    if (bad !== undefined) findings.push(finding(code, { char: codePoint(bad) }));
  }
  return [value, findings];
}

function uuidBytes(text) {
  const hex = text.replaceAll("-", "");
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

/** UUID version 5 (RFC 9562: SHA-1 of namespace and name), as Python's uuid.uuid5, in lower case. */
export async function uuid5(namespace, name) {
  const data = new Uint8Array([...uuidBytes(namespace), ...new TextEncoder().encode(name)]);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", data)).slice(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = [...hash].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What plistlib does to a string value (control characters never get this far). */
const xml = (text) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * The report mailcheck.profile.report gives for (address, name): verdict, findings
 * (code, severity, message), summary, address, shown, filename, profile (text or null).
 */
export async function makeProfile(rules, addressInput, nameInput) {
  const finding = (code, params = {}) => ({
    code, severity: rules.messages[code].severity, message: format(rules.messages[code].text, params),
    field: code.startsWith("PROFILE_NAME_") ? "name" : "address",
  });
  const [account, findings] = checkAddress(addressInput, rules, finding);
  const [name, nameFindings] = checkName(nameInput, rules, finding);
  findings.push(...nameFindings);
  const rejected = account === null || findings.some((f) => f.severity === "error");
  const report = { verdict: rejected ? "reject" : "accept", findings, summary: rules.summary.reject,
    address: null, shown: null, filename: null, profile: null };
  if (rejected) return report;
  const [local, domain] = [account.address.slice(0, account.address.lastIndexOf("@")),
    account.address.slice(account.address.lastIndexOf("@") + 1)];
  const top = await uuid5(rules.namespace, `${local.toLowerCase()}@${domain.toLowerCase()}`);
  const values = {
    address: xml(account.address), shown: xml(account.shown), name: xml(name),
    identifier: `${rules.prefix}.${top}`, uuid: top.toUpperCase(),
    mail_uuid: (await uuid5(top, MAIL_PAYLOAD)).toUpperCase(),
  };
  const byToken = Object.fromEntries(Object.entries(rules.tokens).map(([key, token]) => [token, values[key]]));
  // One pass, a function as replacement: a "$&" or a token inside a value stays as typed.
  const profile = (name ? rules.templates.named : rules.templates.unnamed).replace(/@@[A-Z_]+@@/g, (token) => byToken[token]);
  return { ...report, summary: format(rules.summary.ready, { address: account.shown }), address: account.address,
    shown: account.shown, filename: `${account.address.replaceAll("/", "_").replaceAll("\\", "_")}.mobileconfig`, profile };
}
