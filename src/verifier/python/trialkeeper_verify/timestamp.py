"""Check the RFC 3161 time-stamp of a TrialKeeper commitment, with Python's standard library only.

When a trial opens recruitment with a time-stamping authority (TSA) configured, TrialKeeper asks
the TSA to stamp the commitment published at GET /api/trials/{id}/randomisation/commitment. The
request's message imprint is SHA-256 with the commitment itself as the hashed message: the 32
bytes its 64 hex digits spell, which are the SHA-256 of the committed text. The token (DER,
base64) is in the commitment's and the sequence export's "timestamp" object.

check(export, commitment) reads the token's DER with its own small reader and checks:
  - the commitment and the export carry a stamped token, the same in both, for the same commitment;
  - the token is CMS SignedData holding a TSTInfo (RFC 3161 section 2.4.2);
  - the message imprint is SHA-256 and equals the published commitment;
  - genTime, serial number and policy are what the JSON says they are;
  - genTime is before the first allocation in the export;
  - the signed attributes name TSTInfo as the content type and hold its digest;
  - the signing certificate (the one the signer identifier names, carried in the token) is bound to
    the signature by the signing-certificate attribute (ESSCertID or ESSCertIDv2) when present, was
    valid at genTime, and has the timeStamping extended key usage;
  - the signature, when it is RSA PKCS#1 v1.5 (SHA-1, SHA-256, SHA-384 or SHA-512), verifies with
    that certificate's public key (computed with pow()).

It does not check: that the certificate chains to an authority you trust (compare the
certificates the token carries with those your TSA publishes, or run `openssl ts -verify` with
its CA file), revocation, signatures other than RSA PKCS#1 v1.5 (ECDSA and RSA-PSS tokens are
reported as not checked), or the token's nonce (only the service saw its request).

Each problem is one sentence in plain words; an empty list means everything above holds. A
commitment without a granted token is a problem too: nothing then shows when the lists were fixed.
token_facts(der) answers what a token says (genTime, serial number, policy, TSA, imprint).
"""

import base64
import binascii
import datetime
import hashlib

SIGNED_DATA = "1.2.840.113549.1.7.2"
TST_INFO = "1.2.840.113549.1.9.16.1.4"
CONTENT_TYPE = "1.2.840.113549.1.9.3"
MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12"
SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"
EXTENDED_KEY_USAGE = "2.5.29.37"
SUBJECT_KEY_IDENTIFIER = "2.5.29.14"
TIME_STAMPING = "1.3.6.1.5.5.7.3.8"
RSA = "1.2.840.113549.1.1.1"
DIGESTS = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
}
RSA_WITH = {
    "1.2.840.113549.1.1.5": "sha1",
    "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384",
    "1.2.840.113549.1.1.13": "sha512",
}


class DerError(ValueError):
    """The bytes are not the DER structure expected."""


class Node:
    """One DER element: its tag byte, its content, and its whole encoding."""

    def __init__(self, tag, content, raw):
        self.tag = tag
        self.content = content
        self.raw = raw

    def children(self):
        if not self.tag & 0x20:
            raise DerError("a primitive element has no children")
        return read_all(self.content)

    def oid(self):
        if self.tag != 0x06 or not self.content:
            raise DerError("not an object identifier")
        first = self.content[0]
        parts = [min(first // 40, 2), first - 40 * min(first // 40, 2)]
        value = 0
        for byte in self.content[1:]:
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                parts.append(value)
                value = 0
        return ".".join(str(p) for p in parts)

    def integer(self):
        if self.tag != 0x02:
            raise DerError("not an integer")
        return int.from_bytes(self.content, "big", signed=True)


def read_one(data, offset=0):
    """The element at offset and the offset after it."""
    if offset + 2 > len(data):
        raise DerError("truncated element")
    tag = data[offset]
    if tag & 0x1F == 0x1F:
        raise DerError("multi-byte tags are not used in time-stamp tokens")
    length = data[offset + 1]
    start = offset + 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4:
            raise DerError("indefinite or oversized length")
        length = int.from_bytes(data[start:start + count], "big")
        start += count
    end = start + length
    if end > len(data):
        raise DerError("element runs past the end")
    return Node(tag, data[start:end], data[offset:end]), end


def read_all(data):
    nodes, offset = [], 0
    while offset < len(data):
        node, offset = read_one(data, offset)
        nodes.append(node)
    return nodes


def _time(node):
    text = node.content.decode("ascii")
    if node.tag == 0x17:  # UTCTime, YYMMDDHHMMSSZ
        year = int(text[:2])
        text = str(1900 + year if year >= 50 else 2000 + year) + text[2:]
    elif node.tag != 0x18:
        raise DerError("not a time")
    if not text.endswith("Z"):
        raise DerError("a time not in UTC")
    whole, _, fraction = text[:-1].partition(".")
    moment = datetime.datetime.strptime(whole, "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc)
    if fraction:
        moment += datetime.timedelta(microseconds=round(float("0." + fraction) * 1_000_000))
    return moment


def _parse_token(der):
    content_info = read_one(der)[0].children()
    if content_info[0].oid() != SIGNED_DATA or content_info[1].tag != 0xA0:
        raise DerError("not CMS SignedData")
    signed = content_info[1].children()[0].children()
    encap = signed[2].children()
    if encap[0].oid() != TST_INFO:
        raise DerError("the signed content is not a TSTInfo")
    e_content = encap[1].children()[0].content
    certificates = [c for c in signed[3:] if c.tag == 0xA0]
    signer_infos = signed[-1].children()
    if len(signer_infos) != 1:
        raise DerError("a time-stamp token has exactly one signer")
    return {
        "tst": read_one(e_content)[0].children(),
        "e_content": e_content,
        "certificates": certificates[0].children() if certificates else [],
        "signer": signer_infos[0].children(),
    }


def token_facts(der):
    """What the token says: genTime (datetime, UTC), serialNumber, policy, tsa (DER hex or None), imprint."""
    tst = _parse_token(der)["tst"]
    imprint = tst[2].children()
    facts = {
        "policy": tst[1].oid(),
        "imprintAlgorithm": imprint[0].children()[0].oid(),
        "imprint": imprint[1].content,
        "serialNumber": tst[3].integer(),
        "genTime": _time(tst[4]),
        "tsa": None,
    }
    for node in tst[5:]:
        if node.tag == 0xA0:
            facts["tsa"] = binascii.hexlify(node.raw).decode()
    return facts


def _certificate(der_node):
    tbs = der_node.children()[0].children()
    fields = tbs[1:] if tbs[0].tag == 0xA0 else tbs
    validity = fields[3].children()
    key_info = fields[5].children()
    extensions = {}
    for node in fields[6:]:
        if node.tag == 0xA3:
            for extension in node.children()[0].children():
                parts = extension.children()
                extensions[parts[0].oid()] = parts[-1].content
    return {
        "raw": der_node.raw,
        "serial": fields[0].integer(),
        "issuer": fields[2].raw,
        "notBefore": _time(validity[0]),
        "notAfter": _time(validity[1]),
        "keyAlgorithm": key_info[0].children()[0].oid(),
        "key": key_info[1].content[1:],
        "extensions": extensions,
    }


def _signer_certificate(sid, certificates):
    for certificate in map(_certificate, certificates):
        if sid.tag == 0x30:
            issuer, serial = sid.children()
            if certificate["issuer"] == issuer.raw and certificate["serial"] == serial.integer():
                return certificate
        elif sid.tag == 0x80:
            ski = certificate["extensions"].get(SUBJECT_KEY_IDENTIFIER)
            if ski is not None and read_one(ski)[0].content == sid.content:
                return certificate
    return None


def _attributes(signed_attrs):
    attributes = {}
    for attribute in signed_attrs.children():
        parts = attribute.children()
        attributes[parts[0].oid()] = parts[1].children()[0]
    return attributes


def _bound_certificate(attributes, certificate):
    """Whether the signing-certificate attribute, when present, names this certificate by its hash."""
    if SIGNING_CERTIFICATE_V2 in attributes:
        first = attributes[SIGNING_CERTIFICATE_V2].children()[0].children()[0].children()
        algorithm = "sha256"
        if first[0].tag == 0x30:
            algorithm = DIGESTS.get(first[0].children()[0].oid(), "")
            first = first[1:]
        return algorithm and hashlib.new(algorithm, certificate["raw"]).digest() == first[0].content
    if SIGNING_CERTIFICATE in attributes:
        first = attributes[SIGNING_CERTIFICATE].children()[0].children()[0].children()
        return hashlib.sha1(certificate["raw"]).digest() == first[0].content
    return True


def _rsa_verifies(certificate, digest_name, signed_bytes, signature):
    key = read_one(certificate["key"])[0].children()
    modulus, exponent = key[0].integer(), key[1].integer()
    size = (modulus.bit_length() + 7) // 8
    if len(signature) != size:
        return False
    encoded = pow(int.from_bytes(signature, "big"), exponent, modulus).to_bytes(size, "big")
    if encoded[:2] != b"\x00\x01" or b"\x00" not in encoded[2:]:
        return False
    separator = encoded.index(b"\x00", 2)
    if separator < 10 or set(encoded[2:separator]) != {0xFF}:
        return False
    digest_info = read_one(encoded[separator + 1:])[0].children()
    algorithm = DIGESTS.get(digest_info[0].children()[0].oid())
    return algorithm == digest_name and digest_info[1].content == hashlib.new(digest_name, signed_bytes).digest()


def _signature_problems(token, gen_time):
    signer = token["signer"]
    digest_name = DIGESTS.get(signer[2].children()[0].oid())
    if digest_name is None or signer[3].tag != 0xA0:
        return ["the token's signer uses an unknown digest or has no signed attributes"]
    attributes = _attributes(signer[3])
    problems = []
    if CONTENT_TYPE not in attributes or attributes[CONTENT_TYPE].oid() != TST_INFO:
        problems.append("the token's signed attributes do not name TSTInfo as their content type")
    if MESSAGE_DIGEST not in attributes or \
            attributes[MESSAGE_DIGEST].content != hashlib.new(digest_name, token["e_content"]).digest():
        problems.append("the token's signed digest does not match its TSTInfo: the token was changed")
    certificate = _signer_certificate(signer[1], token["certificates"])
    if certificate is None:
        return problems + ["the token does not carry its signer's certificate"]
    if not _bound_certificate(attributes, certificate):
        problems.append("the token's signing-certificate attribute does not name the certificate it carries")
    if not certificate["notBefore"] <= gen_time <= certificate["notAfter"]:
        problems.append("the TSA certificate was not valid at the token's genTime")
    usage = certificate["extensions"].get(EXTENDED_KEY_USAGE)
    if usage is None or TIME_STAMPING not in [n.oid() for n in read_one(usage)[0].children()]:
        problems.append("the TSA certificate lacks the timeStamping extended key usage")
    algorithm = signer[4].children()[0].oid()
    if certificate["keyAlgorithm"] != RSA or (algorithm != RSA and RSA_WITH.get(algorithm) != digest_name):
        return problems + ["the token's signature (algorithm " + algorithm + ") is not RSA PKCS#1 v1.5, which"
                           " this check cannot verify: verify it with openssl ts -verify"]
    signed_bytes = b"\x31" + signer[3].raw[1:]
    if not _rsa_verifies(certificate, digest_name, signed_bytes, signer[5].content):
        problems.append("the token's signature does not verify with its TSA certificate's key")
    return problems


def _instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _stamps(export, commitment):
    """The token both documents carry, or the problem that there is none to check."""
    stamps = [doc.get("timestamp") or {} for doc in (commitment, export)]
    if any(stamp.get("state") != "stamped" or not stamp.get("token") for stamp in stamps):
        states = "/".join(str(stamp.get("state", "absent")) for stamp in stamps)
        return None, ["the commitment carries no granted RFC 3161 time-stamp (state " + states
                      + "), so nothing shows when the allocation lists were fixed"]
    if stamps[0]["token"] != stamps[1]["token"]:
        return None, ["the commitment and the sequence export carry different time-stamp tokens"]
    return stamps[0], []


def _field_problems(stamp, facts):
    problems = []
    if stamp.get("genTime") and _instant(stamp["genTime"]) != facts["genTime"]:
        problems.append("the JSON gives genTime " + stamp["genTime"] + ", the token "
                        + facts["genTime"].isoformat())
    if stamp.get("serialNumber") and str(stamp["serialNumber"]) != str(facts["serialNumber"]):
        problems.append("the JSON gives serial number " + str(stamp["serialNumber"]) + ", the token "
                        + str(facts["serialNumber"]))
    if stamp.get("policy") and stamp["policy"] != facts["policy"]:
        problems.append("the JSON gives policy " + stamp["policy"] + ", the token " + facts["policy"])
    return problems


def check(export: dict, commitment: dict) -> list:
    """Every problem with the commitment's time-stamp, in plain words; empty when all holds (see the module)."""
    stamp, problems = _stamps(export, commitment)
    if stamp is None:
        return problems
    published = commitment.get("commitment", "")
    if export.get("commitment") != published:
        problems.append("the sequence export's commitment is not the published one")
    try:
        der = base64.b64decode(stamp["token"], validate=True)
        token = _parse_token(der)
        facts = token_facts(der)
    except (DerError, ValueError, IndexError, UnicodeDecodeError):
        return problems + ["the time-stamp token cannot be read as an RFC 3161 token"]
    if facts["imprintAlgorithm"] != "2.16.840.1.101.3.4.2.1" or facts["imprint"].hex() != published.lower():
        problems.append("the token's message imprint is not the SHA-256 commitment " + published)
    problems += _field_problems(stamp, facts)
    allocated = [_instant(a["allocatedAt"]) for a in export.get("allocations", []) if a.get("allocatedAt")]
    if allocated and not facts["genTime"] < min(allocated):
        problems.append("the token's genTime " + facts["genTime"].isoformat() + " is not before the first allocation at "
                        + min(allocated).isoformat())
    try:
        problems += _signature_problems(token, facts["genTime"])
    except (DerError, ValueError, IndexError):
        problems.append("the token's signer information cannot be read")
    return problems
