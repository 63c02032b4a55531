"""What is due: every open obligation across art28, with its deadline, nearest first.

One small collector per kind asks its app's access helper for the open items, so
need-to-know is the apps' own rule. The staff home, the portal home, the API, the
iCalendar feed and the daily digest all read ``collect.open_obligations``.
"""
