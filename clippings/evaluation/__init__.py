"""Measuring the text pipeline on pages with known answers (no Django).

``corpus`` reads the real articles of ``../shared/corpus``; ``simulate`` lays whole pages of them
out as OCR-like page files in many styles and writes the answer beside each; ``scoring`` compares
what the splitter made of a page with its answer.
"""
