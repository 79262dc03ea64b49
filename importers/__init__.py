"""Beangulp importers for bank statements and the fund's paper registers."""
