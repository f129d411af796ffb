"""Tools for instructors and facilitators: choose questions from the bank, export them to
an LMS, hand out assignments, grade the results files learners hand in, and print cards.

No server and no account: everything reads the bank from disk and writes files.
"""
