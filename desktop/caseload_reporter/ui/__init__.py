"""The Qt user interface: the only layer that may import PySide6 or pyqtgraph."""
