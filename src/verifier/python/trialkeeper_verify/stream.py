"""The random stream a trial's lists and minimisation decisions are drawn from (SPECIFICATION.md,
"The stream" and "Drawing from the stream"): AES-256 in counter mode keyed from the seed, read
as 64-bit words, and the draws Commons RNG 1.7 makes of them."""

import hashlib
import hmac
from functools import lru_cache

from .aes import Aes

LABEL = b"trialkeeper-sequence-stream-1"
STREAM = "aes-256-ctr"
MASK_32 = 0xFFFFFFFF
POW_32 = 1 << 32
# above this many items a shuffle draws one index at a time instead of two
SHUFFLE_BATCH = 32768


def stream_key(seed):
    """The AES-256 key: HMAC-SHA256 of the label under the seed."""
    return hmac.new(seed, LABEL, hashlib.sha256).digest()


@lru_cache(maxsize=8)
def _cipher(seed):
    """One key schedule per seed, however many decisions are replayed from it."""
    return Aes(stream_key(seed))


class Stream:
    """Stream number ``number`` of a seed: 0 for the lists, n for minimisation decision n."""

    def __init__(self, cipher, number):
        self._cipher = cipher
        self._counter = number << 64
        self._words = []
        self._int_half = None

    @classmethod
    def of(cls, seed, number):
        return cls(_cipher(bytes(seed)), number)

    def next_long(self):
        """The next 8 bytes of keystream as an unsigned 64-bit integer (big-endian)."""
        if not self._words:
            block = self._cipher.encrypt_block(self._counter.to_bytes(16, "big"))
            self._counter = (self._counter + 1) % (1 << 128)
            self._words = [int.from_bytes(block[8:], "big"), int.from_bytes(block[:8], "big")]
        return self._words.pop()

    def next_int(self):
        """32 bits, as an unsigned integer: the low half of a new word, then on the next call its high half."""
        if self._int_half is not None:
            half, self._int_half = self._int_half, None
            return half
        word = self.next_long()
        self._int_half = word >> 32
        return word & MASK_32

    def next_int_below(self, n):
        """Uniform in [0, n): Lemire's multiply-and-reject on next_int()."""
        m = self.next_int() * n
        low = m & MASK_32
        if low < n:
            threshold = POW_32 % n
            while low < threshold:
                m = self.next_int() * n
                low = m & MASK_32
        return m >> 32

    def next_double(self):
        """The top 53 bits of a new word over 2^53: a double in [0, 1)."""
        return (self.next_long() >> 11) * 2.0 ** -53

    def _two_below(self, n1, n2):
        """Two indexes, below n1 and below n2, from one next_int(), rejected as a pair."""
        while True:
            m1 = self.next_int() * n1
            m2 = (m1 & MASK_32) * n2
            if (m2 & MASK_32) >= POW_32 % (n1 * n2):
                return m1 >> 32, m2 >> 32

    def shuffle(self, items):
        """Fisher-Yates from the last item down, as Commons RNG 1.7's ListSampler shuffles a list."""
        i = len(items)
        while i > SHUFFLE_BATCH:
            j = self.next_int_below(i)
            items[i - 1], items[j] = items[j], items[i - 1]
            i -= 1
        while i > 1:
            j, k = self._two_below(i, i - 1)
            items[i - 1], items[j] = items[j], items[i - 1]
            items[i - 2], items[k] = items[k], items[i - 2]
            i -= 2
        return items
