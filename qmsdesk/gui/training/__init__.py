"""The training tab's parts, each building on the one before it (one way only):

- :mod:`.base`: what the tab holds (its widgets, models and actions, typed) and small helpers;
- :mod:`.view`: loading, the filters, the selection, which actions are enabled;
- :mod:`.files`: the PDF reports and the due list's Excel export;
- :mod:`.commands`: the changes (people, items, who needs what, records) and the matrix's menu;
- :mod:`.actions`: the tab's actions, menus and toolbar;
- :mod:`.panes`: the people pane, the matrix, the due list and the items pages, the filters.

:class:`qmsdesk.gui.training_tab.TrainingTab` puts them together.
"""
