"""What python-markdown's link pattern would scan, estimated without running it."""

from relais.plugins.core.bounds import bracket_span


def test_an_unclosed_bracket_costs_the_rest_of_its_paragraph():
    assert bracket_span("[" * 10) == (10 + 9 + 8 + 7 + 6 + 5 + 4 + 3 + 2 + 1, 1)
    assert bracket_span("[ab" + "x" * 97) == (100, 1)


def test_a_closed_link_costs_only_its_own_length():
    assert bracket_span("voir [le site](https://exemple.org) ici") == (
        8 + 20,
        1,
    )  # "[le site]" and "(https://exemple.org)"


def test_a_parenthesis_costs_only_as_a_link_target():
    assert bracket_span("(" * 100) == (0, 1)
    assert bracket_span("[a](" * 3) == (3 * 2 + (9 + 5 + 1), 1)  # each `(` to the end


def test_escaped_brackets_cost_nothing():
    assert bracket_span("\\[" * 100) == (0, 1)


def test_each_paragraph_ends_the_scan_and_the_costliest_one_is_located():
    text = "Titre\n\nun [lien] ici\n  \n[[[[\nfin"
    assert bracket_span(text) == (5 + (8 + 7 + 6 + 5), 5)
