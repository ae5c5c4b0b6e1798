"""How the stream is read: counter blocks, words, and the draws taken from them."""

import hashlib
import hmac
import unittest

from trialkeeper_verify.aes import Aes
from trialkeeper_verify.stream import Stream, stream_key


class Words:
    """A stream whose 64-bit words are given, to see how draws consume them."""

    def __init__(self, *words):
        self.stream = Stream(None, 0)
        self.stream.next_long = iter(words).__next__


class Keystream(unittest.TestCase):

    def test_the_key_is_the_hmac_of_the_label_under_the_seed(self):
        seed = bytes(range(16))
        self.assertEqual(hmac.new(seed, b"trialkeeper-sequence-stream-1", hashlib.sha256).digest(), stream_key(seed))

    def test_words_are_the_encrypted_counter_blocks_read_big_endian(self):
        seed = bytes(16)
        cipher = Aes(stream_key(seed))
        first = cipher.encrypt_block((7 << 64).to_bytes(16, "big"))
        second = cipher.encrypt_block(((7 << 64) + 1).to_bytes(16, "big"))
        stream = Stream.of(seed, 7)
        words = [stream.next_long() for _ in range(4)]
        self.assertEqual([int.from_bytes(b[i:i + 8], "big") for b in (first, second) for i in (0, 8)], words)

    def test_the_whole_counter_block_carries(self):
        stream = Stream(Aes(bytes(32)), 0)
        stream._counter = (1 << 64) - 1
        stream.next_long()
        self.assertEqual(1 << 64, stream._counter)


class Draws(unittest.TestCase):

    def test_next_int_answers_the_low_half_then_the_high_half(self):
        stream = Words(0x1111111122222222, 0x3333333344444444).stream
        self.assertEqual([0x22222222, 0x11111111, 0x44444444], [stream.next_int() for _ in range(3)])

    def test_next_double_takes_a_new_word_and_leaves_a_cached_half(self):
        stream = Words(0x0000000500000007, 0x8000000000000000).stream
        self.assertEqual(7, stream.next_int())
        self.assertEqual(0.5, stream.next_double())
        self.assertEqual(5, stream.next_int())

    def test_a_bound_of_one_still_consumes_an_int(self):
        stream = Words(0x00000009FFFFFFFF).stream
        self.assertEqual(0, stream.next_int_below(1))
        self.assertEqual(9, stream.next_int())

    def test_next_int_below_is_the_high_word_of_the_product(self):
        stream = Words(0x0000000080000001).stream
        self.assertEqual(3, stream.next_int_below(6))

    def test_next_int_below_rejects_the_biased_low_products(self):
        # 2^32 mod 3 = 1: a low product of 0 is rejected, and the draw moves to the next half
        stream = Words(0x5555555600000000).stream
        self.assertEqual(1, stream.next_int_below(3))

    def test_a_shuffle_draws_two_indexes_from_each_int_from_the_last_place_down(self):
        # 4 places: 0x80000000 * 4 gives index 2 with a low word of 0, so the pair is rejected
        # (2^32 mod 4 * 3 = 4); 0x40000001 * 4 gives index 1 and a low word of 4, 4 * 3 gives
        # index 0: places 3 and 1 swap, then 2 and 0. Then 2 places: index 1, and index 0 of 1.
        stream = Words(0x4000000180000000, 0x00000000C0000000).stream
        self.assertEqual(["c", "d", "a", "b"], stream.shuffle(["a", "b", "c", "d"]))

if __name__ == "__main__":
    unittest.main()
