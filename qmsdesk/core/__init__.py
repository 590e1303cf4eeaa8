"""The Qt-free core of QMS Desk: database, services per register, Excel and PDF exchange.

Nothing under this package may import PySide6 (tests/core/test_layering.py proves it).
"""
