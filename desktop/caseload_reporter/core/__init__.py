"""Qt-free foundations shared by every layer: paths, progress and cancellation, offline guard."""
