"""balgraph: the knowledge graph and linked-data publisher for the Balancing Act skills method."""

__version__ = "0.1.0"
