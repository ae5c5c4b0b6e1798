"""The worked examples of SPECIFICATION.md (the service's SpecificationVectorsTest draws the same)."""

import unittest

from trialkeeper_verify import commitment, receipt, schemes
from trialkeeper_verify.stream import Stream

SEED = bytes(range(16))
SETTINGS = {"arms": [{"code": "BALINT", "ratio": 2}, {"code": "WAITLIST", "ratio": 1}], "targetSampleSize": 9,
            "blockSizes": [3, 6], "stratifyBy": [], "stratumLevels": [], "factors": [],
            "minimisingArmProbability": None}


class Vectors(unittest.TestCase):

    def test_words_and_draws(self):
        lists = Stream.of(SEED, 0)
        self.assertEqual([0x0b504dae13a84444, 0x1d51c4d1ea298fa3], [lists.next_long(), lists.next_long()])
        self.assertEqual(0x30ca1eeee4d90f22, Stream.of(SEED, 1).next_long())
        ints = Stream.of(SEED, 0)
        self.assertEqual([0x13a84444, 0x0b504dae, 0xea298fa3, 0x1d51c4d1], [ints.next_int() for _ in range(4)])
        bounded = Stream.of(SEED, 0)
        self.assertEqual([0, 0, 5, 0, 3, 0], [bounded.next_int_below(6) for _ in range(6)])
        self.assertEqual(0.044194083213057844, Stream.of(SEED, 0).next_double())
        self.assertEqual(list("EBDFCA"), Stream.of(SEED, 0).shuffle(list("ABCDEF")))

    def test_the_example_list_and_its_commitment(self):
        lists = schemes.lists("permuted-blocks", SETTINGS, Stream.of(SEED, 0))
        self.assertEqual(["BALINT", "WAITLIST", "BALINT", "WAITLIST", "WAITLIST", "BALINT", "BALINT", "BALINT",
                          "BALINT"], [slot.arm for slot in lists["all"]])
        self.assertEqual([1, 1, 1, 2, 2, 2, 2, 2, 2], [slot.block for slot in lists["all"]])
        self.assertEqual("dc4d7cd860f174c5f6b1c855d49bd9db1989f865341b5f1fa4700ef39bbddedd",
                         commitment.of("aes-256-ctr", "permuted-blocks", SETTINGS, SEED, lists))

    def test_the_example_minimisation_decision(self):
        arms = schemes.Arms.of(SETTINGS)
        self.assertEqual([2.5, 2.0], schemes.totals(arms, [2.0, 1.0], [[1, 0], [0, 0]]))
        self.assertEqual(0, schemes.choose(arms, [2.0, 1.0], [[1, 0], [0, 0]], 0.8, Stream.of(SEED, 1)))

    def test_the_example_receipt(self):
        time = receipt.micros("2026-03-01T09:30:15.123456Z")
        self.assertEqual(1772357415123456, time)
        self.assertEqual(time - 456, receipt.micros("2026-03-01T09:30:15.123Z"))
        text = receipt.text(7, 3, "N-103", time, "dc4d7cd860f174c5f6b1c855d49bd9db1989f865341b5f1fa4700ef39bbddedd",
                            42, "ab" * 32, "cd" * 32)
        self.assertEqual("81478c58e951e6e659288a49961e22a1be0d2b8c70336d11a9205af07c262ad0", receipt.sha256(text))


if __name__ == "__main__":
    unittest.main()
