"""The committed text writes numbers and lists as Java writes them."""

import unittest

from trialkeeper_verify.commitment import java_double, java_list


class JavaText(unittest.TestCase):

    def test_doubles_in_plain_notation_keep_one_decimal_at_least(self):
        self.assertEqual(["1.0", "2.0", "0.8", "0.001", "123.456", "9999999.5"],
                         [java_double(v) for v in (1, 2.0, 0.8, 0.001, 123.456, 9999999.5)])

    def test_doubles_outside_a_thousandth_to_ten_million_use_e_notation(self):
        self.assertEqual(["1.0E-5", "1.0E7", "1.25E8", "9.99E-4"],
                         [java_double(v) for v in (1e-5, 1e7, 1.25e8, 0.000999)])

    def test_lists_are_bracketed_and_comma_spaced(self):
        self.assertEqual(["[]", "[2, 4, 6]", "[site, sex]"],
                         [java_list([]), java_list([2, 4, 6]), java_list(["site", "sex"])])


if __name__ == "__main__":
    unittest.main()
