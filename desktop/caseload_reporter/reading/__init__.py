"""Reading and validating spreadsheets into canonical tables. No Qt here."""
