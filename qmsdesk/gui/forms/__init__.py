"""Designer forms compiled from ui/*.ui by tools/compile_ui.py; the ui_*.py modules are generated.

Dialogs use them by composition: ``self.ui = Ui_DocumentDialog(); self.ui.setupUi(self)``.
"""
