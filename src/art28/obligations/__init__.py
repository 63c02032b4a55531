"""What is due: every open obligation across art28, with its deadline, nearest first.

One source per kind asks its app's access helper for the open items, so need-to-know is
the apps' own rule. The staff home, the portal home and the API read ``collect.due_list``
a page at a time (SQL per kind, merged); the iCalendar feed and the daily digest read it
whole (``collect.open_obligations``).
"""
