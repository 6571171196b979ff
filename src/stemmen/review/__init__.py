"""The consultant review loop: segments chosen to teach the most, labels, and what they do.

``select`` picks the segments (active learning), ``estimate`` measures the scorer on
the labels so far (cross-validated), ``session`` holds one review in memory, ``app``
is the local web page and ``workbook`` the spreadsheet round trip.
"""
