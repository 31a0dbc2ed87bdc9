"""Caseload measures computed with pandas from canonical tables. No Qt here."""
