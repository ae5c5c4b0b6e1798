"""AES against the known answers of FIPS-197: the key expansions of Appendix A, the cipher
example of Appendix B and the example vectors of Appendix C."""

import unittest

from trialkeeper_verify.aes import SBOX, Aes, expand_key

PLAINTEXT = bytes.fromhex("00112233445566778899aabbccddeeff")


class KeyExpansion(unittest.TestCase):

    def test_a1_a128_bit_key(self):
        words = expand_key(bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c"))
        self.assertEqual(44, len(words))
        self.assertEqual([0xa0fafe17, 0x88542cb1, 0x23a33939, 0x2a6c7605], words[4:8])
        self.assertEqual(0xb6630ca6, words[43])

    def test_a2_a192_bit_key(self):
        words = expand_key(bytes.fromhex("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"))
        self.assertEqual(52, len(words))
        self.assertEqual(0xfe0c91f7, words[6])
        self.assertEqual(0x01002202, words[51])

    def test_a3_a256_bit_key(self):
        words = expand_key(bytes.fromhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"))
        self.assertEqual(60, len(words))
        self.assertEqual(0x9ba35411, words[8])
        self.assertEqual(0x706c631e, words[59])

    def test_another_key_length_is_refused(self):
        with self.assertRaises(ValueError):
            expand_key(bytes(20))


class Cipher(unittest.TestCase):

    def test_the_s_box_of_figure_7(self):
        self.assertEqual([0x63, 0x7c, 0x77, 0x7b], SBOX[:4])
        self.assertEqual(0xed, SBOX[0x53])
        self.assertEqual(0x16, SBOX[0xff])

    def test_b_the_cipher_example(self):
        aes = Aes(bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c"))
        self.assertEqual("3925841d02dc09fbdc118597196a0b32",
                         aes.encrypt_block(bytes.fromhex("3243f6a8885a308d313198a2e0370734")).hex())

    def test_c1_aes_128(self):
        self.assertEqual("69c4e0d86a7b0430d8cdb78070b4c55a", Aes(bytes(range(16))).encrypt_block(PLAINTEXT).hex())

    def test_c2_aes_192(self):
        self.assertEqual("dda97ca4864cdfe06eaf70a0ec0d7191", Aes(bytes(range(24))).encrypt_block(PLAINTEXT).hex())

    def test_c3_aes_256(self):
        self.assertEqual("8ea2b7ca516745bfeafc49904b496089", Aes(bytes(range(32))).encrypt_block(PLAINTEXT).hex())


if __name__ == "__main__":
    unittest.main()
