"""The text pipeline: plain Python that takes text and returns data (no Django imports).

decoding  bytes -> text and encoding
normalize character-level clean-up (widths, punctuation, spaces)
doubling  text doubled by bold type
layout    page text -> typed blocks (the cleaned page)
segment   blocks -> articles
dates     an article's year from its text
pipeline  the whole page in one call
fold      traditional characters: the simplified fold the rules read, and the way back
"""
