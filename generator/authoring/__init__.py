"""Authoring: what editors write by hand, started for them (`new`: a bulletin, a guide or a campaign file
with the right front matter) or migrated from old sites (`import`: scraped or copied bulletins cleaned by
named rules into drafts). Pure text functions and file writing; imports only core.
"""
