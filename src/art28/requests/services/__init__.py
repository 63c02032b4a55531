"""The state changes of requests, instructions, audits, measures and termination.

One module per use case; each function is keyword-only, runs in one transaction, writes
its ledger event and queues its notices there, and raises ValidationError on bad input
so that nothing is half-saved.
"""
