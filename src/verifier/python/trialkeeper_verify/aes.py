"""AES block encryption (FIPS-197), written from the standard: the key expansion of section 5.2
and the cipher of section 5.1, with SubBytes, ShiftRows and MixColumns folded into four tables of
32-bit words, one per row of the state. Only encryption is needed: counter mode never decrypts."""


def _xtime(b):
    """Multiplication by x (that is, by 02) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1."""
    b <<= 1
    return (b ^ 0x11B) if b & 0x100 else b


def _multiply(a, b):
    product = 0
    while b:
        if b & 1:
            product ^= a
        a = _xtime(a)
        b >>= 1
    return product


def _sbox():
    """The S-box of section 5.1.1: the multiplicative inverse, then the affine transformation."""
    inverse = [0] * 256
    for a in range(1, 256):
        for b in range(1, 256):
            if _multiply(a, b) == 1:
                inverse[a] = b
                break
    box = []
    for a in range(256):
        x = inverse[a]
        s = 0x63
        for shift in range(5):
            s ^= ((x << shift) | (x >> (8 - shift))) & 0xFF
        box.append(s)
    return box


SBOX = _sbox()


def _tables():
    """T[r][a]: the column MixColumns makes of S-box(a) standing in row r, as a big-endian word."""
    t0 = []
    for a in range(256):
        s = SBOX[a]
        t0.append((_multiply(s, 2) << 24) | (s << 16) | (s << 8) | _multiply(s, 3))

    def rotate(word, bits):
        return ((word >> bits) | (word << (32 - bits))) & 0xFFFFFFFF

    return t0, [rotate(w, 8) for w in t0], [rotate(w, 16) for w in t0], [rotate(w, 24) for w in t0]


T0, T1, T2, T3 = _tables()


def _sub_word(word):
    return (SBOX[word >> 24] << 24) | (SBOX[(word >> 16) & 0xFF] << 16) | (SBOX[(word >> 8) & 0xFF] << 8) \
        | SBOX[word & 0xFF]


def expand_key(key):
    """The key schedule of section 5.2: 4 * (Nr + 1) words for a 16-, 24- or 32-byte key."""
    if len(key) not in (16, 24, 32):
        raise ValueError("an AES key is 16, 24 or 32 bytes")
    nk = len(key) // 4
    rounds = nk + 6
    words = [int.from_bytes(key[4 * i:4 * i + 4], "big") for i in range(nk)]
    rcon = 1
    for i in range(nk, 4 * (rounds + 1)):
        temp = words[i - 1]
        if i % nk == 0:
            temp = _sub_word(((temp << 8) | (temp >> 24)) & 0xFFFFFFFF) ^ (rcon << 24)
            rcon = _xtime(rcon)
        elif nk > 6 and i % nk == 4:
            temp = _sub_word(temp)
        words.append(words[i - nk] ^ temp)
    return words


class Aes:
    """One key's cipher: encrypts 16-byte blocks."""

    def __init__(self, key):
        self._words = expand_key(bytes(key))
        self._rounds = len(self._words) // 4 - 1

    def encrypt_block(self, block):
        w = self._words
        s0, s1, s2, s3 = (int.from_bytes(block[4 * c:4 * c + 4], "big") ^ w[c] for c in range(4))
        for r in range(1, self._rounds):
            k = 4 * r
            s0, s1, s2, s3 = (
                T0[s0 >> 24] ^ T1[(s1 >> 16) & 0xFF] ^ T2[(s2 >> 8) & 0xFF] ^ T3[s3 & 0xFF] ^ w[k],
                T0[s1 >> 24] ^ T1[(s2 >> 16) & 0xFF] ^ T2[(s3 >> 8) & 0xFF] ^ T3[s0 & 0xFF] ^ w[k + 1],
                T0[s2 >> 24] ^ T1[(s3 >> 16) & 0xFF] ^ T2[(s0 >> 8) & 0xFF] ^ T3[s1 & 0xFF] ^ w[k + 2],
                T0[s3 >> 24] ^ T1[(s0 >> 16) & 0xFF] ^ T2[(s1 >> 8) & 0xFF] ^ T3[s2 & 0xFF] ^ w[k + 3])
        k = 4 * self._rounds
        out = bytearray()
        for c, (a, b, d, e) in enumerate(((s0, s1, s2, s3), (s1, s2, s3, s0), (s2, s3, s0, s1), (s3, s0, s1, s2))):
            word = (SBOX[a >> 24] << 24) | (SBOX[(b >> 16) & 0xFF] << 16) | (SBOX[(d >> 8) & 0xFF] << 8) \
                | SBOX[e & 0xFF]
            out += (word ^ w[k + c]).to_bytes(4, "big")
        return bytes(out)
