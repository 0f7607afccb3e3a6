"""Matching of mentees with mentors. The engine subpackage is pure Python (no Django)."""
