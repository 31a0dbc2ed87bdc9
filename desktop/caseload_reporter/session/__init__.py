"""The officer's open work, free of Qt: shared by the window and the command line."""
