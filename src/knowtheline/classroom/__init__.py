"""The classroom: hand out assignments, collect and grade the results files learners hand
in, write feedback sheets, list the bank for choosing, and print scenario cards.

No server and no account: everything reads the bank from disk and writes files.
"""
