"""Committee report drafts and Word export with python-docx. No Qt here."""
