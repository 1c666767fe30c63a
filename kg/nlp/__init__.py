"""Segmentation (jieba with kg's lexicon and the gazetteer's place names) and name shapes."""
