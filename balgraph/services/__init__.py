"""Services: what the command line and the site do, written against the store interface."""
