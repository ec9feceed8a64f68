"""okr/model.py: how a problem names where it is."""

from okr.model import Problem


def test_a_problem_names_its_cell_and_header_without_words_of_ours():
    """Printed by `okr import` and `okr lint` in the user's language: the location
    carries no English ("(column 'waarde')" stood in Dutch output)."""
    p = Problem(sheet="Check-ins", row=16, column="C", message="0,4 gelezen als 40%.", fix="Typ 40%.",
                header="waarde")
    assert str(p) == "Check-ins!C16 'waarde': 0,4 gelezen als 40%. Typ 40%."
    whole = Problem(sheet=None, row=None, column=None, message="Geen tabblad met kernresultaten.", fix="Gebruik het sjabloon.")
    assert str(whole) == "Geen tabblad met kernresultaten. Gebruik het sjabloon."
