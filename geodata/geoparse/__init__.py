"""Recognise place names in text and resolve them to gazetteer places, offline."""
