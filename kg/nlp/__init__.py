"""The spaCy side of envkg: a blank Chinese pipeline with jieba and registered components."""
