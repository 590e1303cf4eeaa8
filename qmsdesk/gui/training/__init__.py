"""The training tab's parts, each building on the one before it (one way only):

- :mod:`.base`: what the tab holds (its widgets, models and actions, typed), on the register
  tab's base (:class:`qmsdesk.gui.register_tab.RegisterTab`: the file, the writes, the history);
- :mod:`.view`: loading, the filters, the selection, which actions are enabled;
- :mod:`.files`: the PDF reports and the due list's Excel export, through the window's
  :class:`qmsdesk.gui.file_jobs.FileJobs`;
- :mod:`.commands`: the changes (people, items, who needs what, records) and the matrix's menu;
- :mod:`.actions`: the tab's actions, menus and toolbar, declared (ActionSpec);
- :mod:`.panes`: the people pane, the matrix, the due list and the items pages, the filters.

:class:`qmsdesk.gui.training_tab.TrainingTab` puts them together.
"""
