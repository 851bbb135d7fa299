"""Reading the ESCO classification from its official download formats."""
